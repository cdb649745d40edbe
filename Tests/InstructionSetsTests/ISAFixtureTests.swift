import BinaryFormats
import Foundation
import Testing

@testable import InstructionSets

/// The fixtures' extension counts must equal what independent decoders found in the same bytes.
@Suite("ISA fixtures against independent decoders")
struct ISAFixtureTests {
    /// x86 extensions compared one by one with iced-x86's CPUID feature lists.
    static let x86Compared = [
        "sse3", "ssse3", "sse4.1", "sse4.2", "popcnt", "avx", "avx2", "fma", "bmi1", "bmi2", "f16c",
        "lzcnt", "movbe", "avx512f", "avx512bw", "avx512dq", "avx512cd", "avx512vl",
    ]
    static let fixtures = [
        "x64-baseline.elf", "x64-v3.elf", "x64-avx512.elf", "x64-dispatch.elf", "x86-avx2.elf",
        "arm64-baseline.elf", "arm64-features.elf", "x64-pe-dispatch.dll",
    ]

    @Test("extension counts equal the independent decoder's", arguments: fixtures)
    func countsMatch(name: String) throws {
        let expected = try #require(try ISAFixtures.expectations()[name])
        let bytes = try ISAFixtures.bytes(name)
        let profile = bytes.withUnsafeBytes {
            ISAAnalyzer.profile(image: ISAFixtures.image(for: expected), bytes: $0, options: ISAFixtures.sweepOnly)
        }
        if expected.arch == "arm64" {
            // The independent decoder counts every encoding; armready splits off the unconfirmed.
            #expect(profile.arm64.merging(profile.arm64Unconfirmed, uniquingKeysWith: +) == expected.arm64)
            #expect(profile.arm64Hints == expected.hints)
            #expect(profile.x86.isEmpty)
        } else {
            for ext in Self.x86Compared {
                #expect(profile.x86[ext] == expected.x86[ext], "\(name): \(ext)")
            }
            #expect(profile.x86Hints == expected.hints)
            #expect(profile.dispatch.cpuid == (expected.cpuid > 0))
            #expect(profile.dispatch.xgetbv == (expected.xgetbv > 0))
            #expect(profile.decodeFailures == expected.failures)
        }
        let sweptBytes = expected.sections.reduce(0) { $0 + $1.size }
        #expect(profile.bytesDecoded <= sweptBytes && profile.bytesDecoded >= sweptBytes - 3)
        #expect(!profile.capReached)
        #expect(profile.method == "linear-sweep")
    }

    @Test("baseline x64 needs no AVX; ENDBR64 is reported as a hint only")
    func baseline() throws {
        let profile = try profileFixture("x64-baseline.elf")
        #expect(Set(profile.x86.keys).isSubset(of: ["sse", "sse2", "x87", "mmx", "cmov", "fxsr"]))
        #expect(profile.x86Hints["endbr", default: 0] > 0)
        #expect(profile.x86["cet"] == nil)
        #expect(!profile.dispatch.any)
    }

    @Test("x86-64-v3 uses avx, avx2, fma, bmi1, bmi2, lzcnt and no AVX-512")
    func v3() throws {
        let profile = try profileFixture("x64-v3.elf")
        for ext in ["avx", "avx2", "fma", "bmi1", "bmi2", "lzcnt"] {
            #expect(profile.x86[ext, default: 0] > 0, "\(ext)")
        }
        #expect(!profile.x86.keys.contains { $0.hasPrefix("avx512") })
    }

    @Test("-mavx512f code needs avx512f")
    func avx512() throws {
        let profile = try profileFixture("x64-avx512.elf")
        #expect(profile.x86["avx512f", default: 0] > 0)
        let finding = try #require(profile.findings.first { $0.name == "avx512f" })
        #expect(finding.examples.count == 3)
        #expect(finding.inLinearSweep == finding.count)
    }

    @Test("CPUID-dispatched AVX2 shows cpuid and xgetbv evidence")
    func dispatched() throws {
        let profile = try profileFixture("x64-dispatch.elf")
        #expect(profile.dispatch.cpuid && profile.dispatch.xgetbv)
        #expect(profile.x86["avx2", default: 0] > 0)
    }

    @Test("Armv9 fixture: sve2, sme, lse, crypto, dotprod; pac and bti as hints")
    func arm64Features() throws {
        let profile = try profileFixture("arm64-features.elf")
        for ext in [
            "sve", "sve2", "sme", "lse", "aes", "sha2", "sha3", "sha512", "sm4", "crc32", "dotprod", "i8mm", "bf16",
            "fp16", "rcpc", "mte",
        ] {
            #expect(profile.arm64[ext, default: 0] + profile.arm64Unconfirmed[ext, default: 0] > 0, "\(ext)")
        }
        #expect(profile.arm64Hints["pac", default: 0] > 0 && profile.arm64Hints["bti", default: 0] > 0)
        #expect(profile.arm64["pac"] == nil && profile.arm64["bti"] == nil)
        // use_sve/use_sve2 are single unpredicated instructions with no PTRUE/WHILE anywhere,
        // and use_mte is a lone IRG (llvm-objdump shows no other MTE instruction near it): the
        // fixture cannot prove these are really used, so they are reported, not required.
        #expect(profile.arm64Unconfirmed.keys.sorted() == ["mte", "sve", "sve2"])
        #expect(try profileFixture("arm64-baseline.elf").arm64.isEmpty)
    }

    private func profileFixture(_ name: String) throws -> ISAProfile {
        let expected = try #require(try ISAFixtures.expectations()[name])
        let bytes = try ISAFixtures.bytes(name)
        return bytes.withUnsafeBytes {
            ISAAnalyzer.profile(image: ISAFixtures.image(for: expected), bytes: $0, options: ISAFixtures.sweepOnly)
        }
    }
}
