extension PEFile {
    /// Reads the CLI header (IMAGE_COR20_HEADER, ECMA-335 §II.25.3.3): Flags at 16, MetaData at
    /// 8, ManagedNativeHeader at 64. The metadata root (`BSJB`, ECMA-335 §II.24.2.1) gives the
    /// runtime version string; a ManagedNativeHeader that starts with `RTR` marks ReadyToRun,
    /// whose header machine carries the OS override XOR (dotnet/runtime `pedecoder.h`).
    func clrHeader() throws(BinaryFormatError) -> CLRHeader? {
        guard let directory = directory(.clr) else { return nil }
        let at = try requireOffset(rva: directory.rva, "CLR header")
        try reader.require(offset: at, length: 72, "CLR header")
        let metadataRVA = try reader.u32(at: at + 8)
        let flags = try reader.u32(at: at + 16)
        let nativeHeaderRVA = try reader.u32(at: at + 64)

        var runtimeVersion: String?
        if let root = offset(rva: metadataRVA), (try? reader.u32(at: root)) == 0x424A_5342,
            let length = try? reader.u32(at: root + 12), length <= 255
        {
            runtimeVersion = try? reader.cString(at: root + 16, maxLength: Int(length), "metadata version string")
        }

        var readyToRun = false
        if nativeHeaderRVA != 0, let native = offset(rva: nativeHeaderRVA) {
            readyToRun = (try? reader.u32(at: native)) == 0x0052_5452
        }
        var decodedMachine: UInt16?
        var decodedOS: String?
        if readyToRun, let decoded = machine.decodedReadyToRun {
            decodedMachine = decoded.machine.rawValue
            decodedOS = decoded.os
        }
        return CLRHeader(
            flags: flags, runtimeVersion: runtimeVersion, readyToRun: readyToRun,
            readyToRunMachine: decodedMachine, readyToRunOS: decodedOS)
    }
}
