import BinaryFormats
import Testing

@testable import InstructionSets

/// Data ranges and function-only layouts (issue 11): bytes a .NET image's layout marks as
/// data (metadata, IL) are never decoded, and a ReadyToRun layout decodes its functions only.
@Suite("Code layouts with data ranges")
struct ISACodeExclusionTests {
    /// Three copies of `vaddps ymm0, ymm0, ymm1` (C5 FC 58 C1, AVX; objdump -D -b binary)
    /// at 0x1000, 0x1004 and 0x1008 in one section.
    static let bytes: [UInt8] = [0xC5, 0xFC, 0x58, 0xC1, 0xC5, 0xFC, 0x58, 0xC1, 0xC5, 0xFC, 0x58, 0xC1]

    private func profile(_ layout: CodeLayout) -> ISAProfile {
        let image = BinaryImage(
            format: .pe, machine: 0x8664, machineName: "test", execution: .x64, kind: .library, bits: 64,
            code: layout)
        return Self.bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }
    }

    private let section = CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: 12)

    @Test func dataRangesAreNotDecoded() {
        // The middle instruction and the last are data; only the first is decoded.
        let layout = CodeLayout(
            architecture: .x64, sections: [section],
            dataRanges: [FunctionRange(start: 0x1008, size: 4), FunctionRange(start: 0x1004, size: 4)])
        let result = profile(layout)
        #expect(result.bytesDecoded == 4)
        #expect(result.x86["avx"] == 1)
    }

    @Test func functionOnlyLayoutsSkipTheRest() {
        let layout = CodeLayout(
            architecture: .x64, sections: [section], functions: [FunctionRange(start: 0x1004, size: 4)],
            functionSource: .readyToRun, sweepsOutsideFunctions: false)
        let result = profile(layout)
        #expect(result.bytesDecoded == 4)
        #expect(result.x86["avx"] == 1)
        // The method names what was decoded: the R2R functions, followed by the flow, and no sweep.
        #expect(result.method == "readytorun+flow")
    }

    @Test func overlappingAndHugeDataRangesAreClipped() {
        let layout = CodeLayout(
            architecture: .x64, sections: [section],
            dataRanges: [FunctionRange(start: 0x1002, size: .max), FunctionRange(start: 0x0FFF, size: 3)])
        #expect(profile(layout).bytesDecoded == 0)
    }
}
