import BinaryFormats
import Testing

@testable import InstructionSets

/// `compiledFor` from the share of functions with level code, and from how many functions keep
/// SSE-encoded FP/SIMD: a build for x86-64-v3 turns nearly all of them into VEX, a library that
/// dispatches keeps most of them SSE. Functions of 29 bytes (8 instructions, the minimum that is
/// measured): seven `vaddps ymm0, ymm0, ymm1` (`C5 FC 58 C1`) or seven `addps xmm0, xmm1` and
/// `nop` (`0F 58 C1 90`), then `ret`.
@Suite("Whole-program compile target")
struct ISACompiledForTests {
    static let vex: [UInt8] = Array([[UInt8]](repeating: [0xC5, 0xFC, 0x58, 0xC1], count: 7).joined()) + [0xC3]
    static let sse: [UInt8] = Array([[UInt8]](repeating: [0x0F, 0x58, 0xC1, 0x90], count: 7).joined()) + [0xC3]

    /// An x64 ELF image whose `.text` holds `vexCount` VEX functions then `sseCount` SSE ones,
    /// every one an exported root.
    private func report(vexCount: Int, sseCount: Int) -> ISAFlowReport? {
        let functions =
            [[UInt8]](repeating: Self.vex, count: vexCount) + [[UInt8]](repeating: Self.sse, count: sseCount)
        let bytes = Array(functions.joined())
        let ranges = (0..<functions.count).map { FunctionRange(start: 0x1000 + UInt64($0 * 29), size: 29) }
        let roots = ranges.map { CodeRoot(address: $0.start, kind: .export, name: "f\($0.start)") }
        let image = BinaryImage(
            format: .elf, machine: 62, machineName: "test", execution: .x64, kind: .library, bits: 64,
            code: CodeLayout(
                architecture: .x64,
                sections: [CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)],
                functions: ranges, functionSource: .symbols, roots: roots))
        return bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }.flow
    }

    @Test func mostFunctionsVEXIsABuildForTheLevel() throws {
        let flow = try #require(report(vexCount: 6, sseCount: 4))
        #expect(flow.levelFunctions == 6 && flow.legacySIMDFunctions == 4, "\(flow)")
        #expect(flow.compiledFor == "x86-64-v3")
    }

    @Test func aMinorityOfVEXFunctionsBesideSSEOnesIsDispatchStyle() throws {
        // 40% of the functions show the level, far above the 10% share alone would need.
        let flow = try #require(report(vexCount: 4, sseCount: 6))
        #expect(flow.compiledForShare == 0.4 && flow.legacySIMDFunctions == 6, "\(flow)")
        #expect(flow.compiledFor == nil)
    }
}
