import BinaryFormats
import Testing

@testable import InstructionSets

/// Layouts and bytes that no honest binary has must neither crash nor hang the analyzer.
@Suite("ISA hostile input")
struct ISAHostileInputTests {
    /// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    @Test("random bytes decode to a profile", arguments: [CodeArchitecture.x64, .x86, .arm64])
    func randomBytes(architecture: CodeArchitecture) {
        let bytes = Self.noise(1 << 16, seed: 0x1234_5678)
        let profile = ISAFixtures.profile(bytes, architecture: architecture)
        #expect(profile.bytesDecoded == bytes.count)
        #expect(!profile.capReached)
    }

    @Test("a truncated instruction at the end of the bytes is a failure, not a read past the end")
    func truncated() {
        // An EVEX prefix cut short: 62 fails, F1 is INT1, 74 is a JZ without its displacement.
        let profile = ISAFixtures.profile([0x62, 0xF1, 0x74], architecture: .x64)
        #expect(profile.x86.isEmpty)
        #expect(profile.decodeFailures == 2)
        #expect(ISAFixtures.profile([0x20, 0x48, 0x28], architecture: .arm64).arm64.isEmpty)
    }

    @Test("sections past EOF, negative offsets and address overflow are clipped or dropped")
    func badSections() {
        let bytes: [UInt8] = [0xC5, 0xF4, 0x58, 0xC2, 0xC3]
        let sections = [
            CodeSection(name: "past", address: 0x1000, fileOffset: 2, fileSize: 1 << 40),
            CodeSection(name: "beyond", address: 0x9000, fileOffset: 1 << 30, fileSize: 16),
            CodeSection(name: "negative", address: 0x7000, fileOffset: -8, fileSize: 16),
            CodeSection(name: "wrap", address: UInt64.max - 1, fileOffset: 0, fileSize: 5),
            CodeSection(name: "overlap", address: 0x1001, fileOffset: 0, fileSize: 5),
        ]
        let image = ISAFixtures.image(architecture: .x64, sections: sections)
        let profile = bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }
        // "past" is clipped to the file's last 3 bytes at 0x1000; "overlap" is trimmed to start where
        // "past" ends (3 more bytes); "beyond", "negative" and "wrap" are dropped.
        #expect(profile.bytesDecoded == 6)
    }

    @Test("functions outside sections, zero-sized, overlapping or overflowing are handled")
    func badFunctions() {
        let bytes = Self.noise(4096, seed: 99)
        let functions = [
            FunctionRange(start: 0x1000, size: 0),
            FunctionRange(start: 0x1000, size: 64),
            FunctionRange(start: 0x1010, size: 64),
            FunctionRange(start: 0x1F00, size: UInt64.max),
            FunctionRange(start: 0x50_0000, size: 16),
            FunctionRange(start: UInt64.max, size: 2),
        ]
        for architecture in [CodeArchitecture.x64, .arm64] {
            let profile = ISAFixtures.profile(bytes, architecture: architecture, functions: functions)
            #expect(profile.skippedFunctions == 3)
            #expect(profile.bytesDecoded <= bytes.count)
            #expect(profile.bytesDecoded >= bytes.count - 3)
        }
    }

    @Test("the byte cap stops decoding and is reported")
    func cap() {
        let bytes = Self.noise(10_000, seed: 7)
        let profile = ISAFixtures.profile(bytes, architecture: .x64, options: ISAOptions(maxDecodedBytes: 1000))
        #expect(profile.capReached)
        #expect(profile.bytesDecoded == 1000)
        #expect(profile.byteCap == 1000)
        let full = ISAFixtures.profile(bytes, architecture: .x64, options: ISAOptions(maxDecodedBytes: 10_000))
        #expect(!full.capReached)
    }

    @Test("an empty file and an image without code give an empty profile")
    func empty() {
        let profile = ISAFixtures.profile([], architecture: .x64)
        #expect(profile.findings.isEmpty && profile.bytesDecoded == 0)
        #expect(ISAFixtures.profile([1, 2, 3, 4], architecture: .other).bytesDecoded == 0)
    }
}
