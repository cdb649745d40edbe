import BinaryFormats
import InstructionSets

/// Fuzz targets for the instruction decoders, through `ISAAnalyzer` as a scan calls them: the
/// input is one code section of a synthetic image, with an entry point at its start and a second
/// root inside it, so the flow analysis follows whatever control flow the bytes hold.
enum CodeTargets {
    static func x86(_ bytes: UnsafeRawBufferPointer) {
        guard let first = bytes.first else { return }
        profile(bytes.dropFirst().count, first & 1 == 0 ? .x64 : .x86, machine: first & 1 == 0 ? 0x8664 : 0x14C, bytes)
    }

    static func arm64(_ bytes: UnsafeRawBufferPointer) {
        profile(bytes.count, .arm64, machine: 0xAA64, bytes)
    }

    private static func profile(
        _ length: Int, _ architecture: CodeArchitecture, machine: UInt32, _ bytes: UnsafeRawBufferPointer
    ) {
        let offset = bytes.count - length
        let inside = length > 0 ? UInt64(bytes[bytes.count - 1]) * 13 % UInt64(length) : 0
        let code = CodeLayout(
            architecture: architecture,
            sections: [CodeSection(name: ".text", address: 0x1000, fileOffset: offset, fileSize: length)],
            functions: length > 64 ? [FunctionRange(start: 0x1000 + inside, size: UInt64(length / 2))] : [],
            functionSource: length > 64 ? .pdata : nil,
            roots: [CodeRoot(address: 0x1000, kind: .entry), CodeRoot(address: 0x1000 + inside, kind: .export)],
            importSlots: [ImportSlot(address: 0x1000 + UInt64(length / 3), name: "IsProcessorFeaturePresent")])
        let image = BinaryImage(
            format: .pe, machine: machine, machineName: "fuzz", execution: .other, kind: .executable,
            bits: architecture == .x86 ? 32 : 64, code: code)
        _ = ISAAnalyzer.profile(image: image, bytes: bytes)
    }
}
