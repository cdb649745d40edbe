import Foundation
import Testing

@testable import InstructionSets

/// `X86FastPath` against Zydis, its reference: at every byte offset of random bytes and of the
/// x86/x64 fixtures, both decoders must give the same answer (the fast path only ever answers
/// for instructions it decodes exactly as Zydis does, and leaves the rest to it).
@Suite("x86 fast path against Zydis")
struct X86FastPathTests {
    /// Decodes at every offset with the fast path and with Zydis alone; returns how many
    /// offsets the fast path answered. Mismatches are recorded as test issues (at most 5).
    static func compareEveryOffset(_ bytes: [UInt8], bits: Int, label: String) -> (offsets: Int, fast: Int) {
        guard var zydis = X86Decoder(bits: bits, fastPath: false),
            let fastPath = bits == 64 ? X86FastPath.checked64 : X86FastPath.checked32
        else {
            Issue.record("no decoder for \(bits)-bit code")
            return (0, 0)
        }
        var fastCount = 0
        var mismatches = 0
        bytes.withUnsafeBytes { all in
            for offset in 0..<all.count {
                let rest = UnsafeRawBufferPointer(rebasing: all[offset...])
                var fast = X86Instruction()
                guard fastPath.decode(rest, into: &fast) else { continue }
                fastCount += 1
                var expected = X86Instruction()
                let decoded = zydis.decodeWithZydis(rest, into: &expected)
                if !decoded || fast != expected {
                    mismatches += 1
                    if mismatches <= 5 {
                        let shown = rest.prefix(15).map { String(format: "%02x", $0) }.joined(separator: " ")
                        Issue.record(
                            "\(label) +\(offset) (\(bits)-bit): \(shown): fast \(fast), Zydis \(decoded ? "\(expected)" : "fails")"
                        )
                    }
                }
            }
        }
        return (bytes.count, fastCount)
    }

    static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test("random bytes: every offset the fast path decodes, it decodes as Zydis does", arguments: [64, 32])
    func randomBytesAgree(bits: Int) {
        let result = Self.compareEveryOffset(
            Self.randomBytes(count: 200_000, seed: 0x9E37_79B9_7F4A_7C15), bits: bits, label: "random")
        // Random bytes are mostly one-byte-opcode integer instructions: the fast path takes many.
        #expect(result.fast > result.offsets / 5)
    }

    @Test("fixture binaries: every offset agrees, and most of their code takes the fast path")
    func fixturesAgree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        for (directory, name, bits) in [
            ("flow", "x64-avx2-whole.exe", 64), ("flow", "x64-fnptr-table.dll", 64),
            ("flow", "x64-mingw-builtin.exe", 64),
            ("flow", "x86-helper-cpuid-branch.exe", 32), ("isa", "x64-pe-dispatch.dll", 64),
            ("isa", "x86-avx2.elf", 32),
        ] {
            let bytes = [UInt8](
                try Data(contentsOf: root.appendingPathComponent(directory).appendingPathComponent(name)))
            let result = Self.compareEveryOffset(bytes, bits: bits, label: name)
            #expect(result.fast > 0, "\(name): the fast path decoded nothing")
        }
    }

    @Test("the instructions compilers emit most take the fast path, with Zydis's fields")
    func commonInstructions() {
        let samples: [[UInt8]] = [
            [0x48, 0x8B, 0x05, 0x10, 0x20, 0x30, 0x40],  // mov rax, [rip+0x40302010]
            [0x48, 0x8D, 0x4C, 0x24, 0x20],  // lea rcx, [rsp+0x20]
            [0xE8, 0xF0, 0xFF, 0xFF, 0xFF],  // call -16
            [0x0F, 0x84, 0x00, 0x01, 0x00, 0x00],  // je +0x100
            [0x41, 0xF6, 0x44, 0x24, 0x08, 0x20],  // test byte [r12+8], 0x20
            [0x48, 0xB8, 1, 2, 3, 4, 5, 6, 7, 0x88],  // mov rax, imm64
            [0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00],  // nop word [rax+rax]
            [0x0F, 0xB6, 0x05, 0x01, 0x00, 0x00, 0x00],  // movzx eax, byte [rip+1]
            [0xC3],  // ret
        ]
        guard let fastPath = X86FastPath.checked64 else {
            Issue.record("no fast path for x64")
            return
        }
        for sample in samples {
            _ = Self.compareEveryOffset(sample, bits: 64, label: "sample")
            var out = X86Instruction()
            let decoded = sample.withUnsafeBytes { fastPath.decode($0, into: &out) }
            #expect(decoded && out.length == sample.count, "\(sample): not on the fast path")
        }
    }

    /// Real binaries beside the committed fixtures: `ARMREADY_FASTPATH_FILES=a.pyd:b.so` (x64 code).
    @Test("files named in ARMREADY_FASTPATH_FILES agree at every offset")
    func namedFilesAgree() throws {
        guard let list = ProcessInfo.processInfo.environment["ARMREADY_FASTPATH_FILES"] else { return }
        for path in list.split(separator: ":") {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: String(path))))
            let result = Self.compareEveryOffset(bytes, bits: 64, label: String(path))
            print("\(path): \(result.offsets) offsets, \(result.fast) on the fast path")
        }
    }
}
