/// Finds the CPU-side library that loads an accelerator payload, by the FastRPC naming
/// convention: the IDL compiler generates a `stub` linked into the CPU side and a `skel`
/// linked into the DSP library (quic/fastrpc README), and Qualcomm's QNN SDK ships
/// `libQnnHtpV73Skel.so` for the DSP beside `libQnnHtpV73Stub.so` (Android) or the Windows
/// build of the same stub (`QnnHtpV73Stub.dll`, as Windows Arm64 packages carry it).
package enum AcceleratorHost {
    /// The stem a stub for the payload named `payloadName` has (`qnnhtpv73stub`,
    /// `calculator_stub`), or nil when the name is not a skel's.
    package static func stubStem(payloadName: String) -> String? {
        let stem = self.stem(payloadName)
        guard stem.hasSuffix("skel"), stem.count > 4 else { return nil }
        return String(stem.dropLast(4)) + "stub"
    }

    /// A file name lower-cased, without a leading `lib` and without everything from its first
    /// dot (`libQnnHtpV73Stub.so.1` and `QnnHtpV73Stub.dll` are both `qnnhtpv73stub`).
    package static func stem(_ fileName: String) -> String {
        var name = fileName.lowercased()
        if let dot = name.firstIndex(of: ".") { name = String(name[..<dot]) }
        if name.hasPrefix("lib") { name.removeFirst(3) }
        return name
    }

    /// The path in `candidates` that is the payload's stub, the one in the payload's own
    /// directory first; nil when none is.
    package static func host(of payloadPath: String, candidates: [String]) -> String? {
        guard let wanted = stubStem(payloadName: ApplicationGrouping.fileName(payloadPath)) else { return nil }
        let stubs = candidates.filter { $0 != payloadPath && stem(ApplicationGrouping.fileName($0)) == wanted }
        let directory = ApplicationGrouping.directory(payloadPath)
        return stubs.first { ApplicationGrouping.directory($0) == directory } ?? stubs.first
    }
}
