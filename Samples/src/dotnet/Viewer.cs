// ReportViewer: a .NET Framework console program compiled AnyCPU (ILONLY, PE32, machine
// I386). Built twice: once plain (ReportViewer/) and once with an embedded manifest
// that lists amd64 and arm64 in supportedArchitectures (ReportViewerArm/).
using System;

namespace Samples.ReportViewer
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            string report = args.Length > 0 ? args[0] : "quarterly.rpt";
            Console.WriteLine("Opening {0} in a {1}-bit process", report, IntPtr.Size * 8);
            return 0;
        }
    }
}
