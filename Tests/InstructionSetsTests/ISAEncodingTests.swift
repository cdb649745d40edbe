import BinaryFormats
import Foundation
import Testing

@testable import InstructionSets

/// Single instructions whose encodings come from the Intel SDM / Arm ARM (bytes checked with
/// `objdump -D -b binary` and `llvm-objdump`), to pin the hint-space policy.
@Suite("ISA encodings and hint space")
struct ISAEncodingTests {
    @Test("TZCNT and ENDBR64 are hints; LZCNT, AVX, AVX2, AVX-512 are requirements; CPUID/XGETBV are evidence")
    func x86Policy() {
        let bytes: [UInt8] = [
            0xF3, 0x48, 0x0F, 0xBC, 0xC1,  // tzcnt rax, rcx (runs as BSF on older CPUs)
            0xF3, 0x48, 0x0F, 0xBD, 0xC1,  // lzcnt rax, rcx (BSR on older CPUs: different result)
            0xF3, 0x0F, 0x1E, 0xFA,  // endbr64
            0x0F, 0xA2,  // cpuid
            0x0F, 0x01, 0xD0,  // xgetbv
            0x62, 0xF1, 0x74, 0x48, 0x58, 0xC2,  // vaddps zmm0, zmm1, zmm2
            0xC5, 0xF5, 0xFE, 0xC2,  // vpaddd ymm0, ymm1, ymm2
            0xC5, 0xF4, 0x58, 0xC2,  // vaddps ymm0, ymm1, ymm2
            0xC3,
        ]
        let profile = ISAFixtures.profile(bytes, architecture: .x64)
        #expect(profile.x86 == ["lzcnt": 1, "avx512f": 1, "avx2": 1, "avx": 1])
        #expect(profile.x86Hints == ["tzcnt": 1, "endbr": 1])
        #expect(profile.dispatch.cpuid && profile.dispatch.xgetbv)
        #expect(profile.decodeFailures == 0)
        #expect(profile.bytesDecoded == bytes.count)
        let avx512 = profile.findings.first { $0.name == "avx512f" }
        #expect(avx512?.examples == [ISAExample(address: 0x1013, function: nil)])
    }

    @Test(
        "PAC and BTI hints are reported apart; RETAA, LDADDAL, SDOT, AESE and a PTRUE-predicated SVE sequence are required"
    )
    func arm64Policy() {
        let words: [UInt32] = [
            0xD503_233F,  // paciasp
            0xD503_245F,  // bti c
            0xD65F_0BFF,  // retaa
            0xF8E8_0008,  // ldaddal x8, x8, [x0]
            0x4E82_9420,  // sdot v0.4s, v1.16b, v2.16b
            0x4E28_4820,  // aese v0.16b, v1.16b
            0x2598_E3E0,  // ptrue p0.s
            0xA540_A000,  // ld1w {z0.s}, p0/z, [x0]
            0x0480_0020,  // add z0.s, p0/m, z0.s, z1.s
            0xE540_E020,  // st1w {z0.s}, p0, [x1]
            0xD538_0600,  // mrs x0, ID_AA64ISAR0_EL1
            0xD65F_03C0,  // ret
        ]
        let bytes = words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        let profile = ISAFixtures.profile(bytes, architecture: .arm64)
        #expect(profile.arm64 == ["pauth": 1, "lse": 1, "dotprod": 1, "aes": 1, "sve": 4])
        #expect(profile.arm64Unconfirmed.isEmpty)
        #expect(profile.arm64Hints == ["pac": 1, "bti": 1])
        #expect(profile.dispatch.idRegisterRead)
    }

    @Test("function ranges are decoded first and named; the rest is swept and says so")
    func methods() {
        // Function [0x1000, 0x1004): vaddps ymm; then a swept vpaddd ymm.
        let bytes: [UInt8] = [0xC5, 0xF4, 0x58, 0xC2, 0xC5, 0xF5, 0xFE, 0xC2]
        let section = CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)
        let image = ISAFixtures.image(
            architecture: .x64, sections: [section], functions: [FunctionRange(start: 0x1000, size: 4)],
            symbols: [CodeSymbol(address: 0x1000, name: "kernel")])
        let profile = bytes.withUnsafeBytes {
            ISAAnalyzer.profile(image: image, bytes: $0, options: ISAFixtures.sweepOnly)
        }
        let avx = profile.findings.first { $0.name == "avx" }
        let avx2 = profile.findings.first { $0.name == "avx2" }
        #expect(avx?.inFunctions == 1 && avx?.inLinearSweep == 0)
        #expect(avx2?.inFunctions == 0 && avx2?.inLinearSweep == 1)
        #expect(avx?.examples.first?.function == "kernel")
        #expect(profile.method == "symbols+linear-sweep")
    }

    @Test("hybrid code maps split a section between x64 and arm64 decoding")
    func hybrid() {
        let bytes: [UInt8] = [0xC5, 0xF4, 0x58, 0xC2] + [0x20, 0x48, 0x28, 0x4E]  // vaddps ymm; aese
        let section = CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)
        let image = ISAFixtures.image(
            architecture: .x64, sections: [section],
            ranges: [ArchitectureRange(start: 0x1004, size: 4, architecture: .arm64ec)])
        let profile = bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }
        #expect(profile.x86 == ["avx": 1])
        #expect(profile.arm64 == ["aes": 1])
    }

    @Test("the profile's JSON has the documented top-level keys and round-trips")
    func json() throws {
        let profile = ISAFixtures.profile([0xC5, 0xF5, 0xFE, 0xC2, 0x0F, 0xA2], architecture: .x64)
        let data = try JSONEncoder().encode(profile)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "x86", "arm64", "x86Hints", "arm64Hints", "findings", "dispatch", "method", "bytesDecoded", "capReached",
        ] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect((object["x86"] as? [String: Int]) == ["avx2": 1])
        #expect((object["dispatch"] as? [String: Bool])?["cpuid"] == true)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"function\":null"))
        #expect(try JSONDecoder().decode(ISAProfile.self, from: data) == profile)
    }

    @Test(
        "Zydis ISA-set names map to lower-case extension names",
        arguments: [
            ("AVX512F_512", ["avx512f"]), ("AVX512F_SCALAR", ["avx512f"]), ("AVX512BW_256", ["avx512bw", "avx512vl"]),
            ("AVX512DQ_128N", ["avx512dq", "avx512vl"]), ("AVX512_VNNI_512", ["avx512vnni"]),
            ("AVX512BW_KOP", ["avx512bw"]), ("AVX2GATHER", ["avx2"]), ("SSE4", ["sse4.1"]), ("SSE42", ["sse4.2"]),
            ("BMI2", ["bmi2"]), ("F16C", ["f16c"]), ("I386", []), ("LONGMODE", []), ("MPX", ["mpx"]),
        ])
    func zydisNames(set: String, names: [String]) {
        #expect(X86ExtensionNames.names(forISASet: set).map(\.rawValue) == names)
    }

    @Test("encoding table entries are reachable and consistent (value has no bits outside mask)")
    func tableSanity() {
        for entry in AArch64Encodings.entries {
            #expect(entry.value & ~entry.mask == 0, "entry \(String(entry.value, radix: 16))")
        }
    }

    /// MSVC's msvcp140 (ARM64X) keeps constants such as the C++ exception code 0xE06D7363 in
    /// literal pools inside functions; llvm-objdump decodes that word as the SME instruction
    /// `st1h {za0h.h[w15, 3]}, p4, [x27, x13, lsl #1]`. Without SMSTART, a PTRUE/WHILE or an
    /// IRG beside instructions of their extension, such SME, SVE and MTE encodings are
    /// reported as unconfirmed, not required.
    @Test("SME, SVE and MTE encodings without their set-up instructions are unconfirmed")
    func literalPoolsAreNotRequirements() {
        let words: [UInt32] = [
            0xD65F_03C0,  // ret
            0xE06D_7363,  // literal 0xE06D7363, decodes as an SME store
            0x0480_0020,  // decodes as add z0.s, p0/m, z0.s, z1.s
            0xD1BE_D8AE,  // decodes as subg x14, x5, #0x3e0, #0x6 (MTE)
        ]
        let bytes = words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        let profile = ISAFixtures.profile(bytes, architecture: .arm64)
        #expect(profile.arm64.isEmpty)
        #expect(profile.arm64Unconfirmed == ["sme": 1, "sve": 1, "mte": 1])
        // smstart; ptrue p0.s, ld1w, add, st1w; gmi x1, x0, xzr, irg x0, x0, x1 (glibc's
        // __libc_mtag_new_tag). Encodings checked with llvm-objdump --mattr=+sve,+sme,+mte.
        let withSetup =
            words + [0xD503_477F, 0x2598_E3E0, 0xA540_A000, 0x0480_0020, 0xE540_E020, 0x9ADF_1401, 0x9AC1_1000]
        let confirmed = ISAFixtures.profile(
            withSetup.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } },
            architecture: .arm64)
        #expect(confirmed.arm64Unconfirmed.isEmpty)
        #expect(
            confirmed.arm64["sme", default: 0] >= 1 && confirmed.arm64["sve", default: 0] >= 1
                && confirmed.arm64["mte", default: 0] >= 1)
    }

    /// A set-up word in data (a WHILE* is a 12-bit pattern) confirms nothing unless instructions
    /// of its extension stand beside it: SVE needs three within 16 words, MTE one within 8.
    @Test("a lone set-up word among data does not confirm its extension")
    func loneSetupWordsConfirmNothing() {
        func profile(_ words: [UInt32]) -> ISAProfile {
            ISAFixtures.profile(
                words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } },
                architecture: .arm64)
        }
        let filler = [UInt32](repeating: 0xD503_201F, count: 20)  // nop
        let whilelo = UInt32(0x25A1_0C00)  // whilelo p0.s, w0, w1
        let sveWords: [UInt32] = [0xA540_A000, 0x0480_0020, 0xE540_E020]  // ld1w, add, st1w
        #expect(profile([whilelo] + filler + sveWords).arm64Unconfirmed.keys.sorted() == ["sve"])
        #expect(profile([whilelo] + sveWords).arm64Unconfirmed.isEmpty)
        #expect(profile(sveWords + [whilelo]).arm64Unconfirmed.isEmpty)  // a loop's closing WHILE
        #expect(profile(sveWords + filler + [whilelo]).arm64Unconfirmed.keys.sorted() == ["sve"])
        let irg = UInt32(0x9AC1_1000)  // irg x0, x0, x1
        #expect(profile([irg] + filler).arm64Unconfirmed.keys.sorted() == ["mte"])
        #expect(profile([irg, 0xD920_0800]).arm64Unconfirmed.isEmpty)  // irg; stg x0, [x0]
    }
}
