// Console program compiled by mono's mcs with each -platform: value; the CLR
// header flags (ILONLY, 32BITREQUIRED, 32BITPREFERRED) and the PE machine
// differ between the builds, the IL does not.
using System;

namespace Armready.Fixtures
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine("armready .NET fixture: {0} bit", IntPtr.Size * 8);
            return args.Length;
        }
    }
}
