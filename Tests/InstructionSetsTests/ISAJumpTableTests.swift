import BinaryFormats
import Testing
@testable import InstructionSets

/// MSVC switch tables between instructions (X86JumpTables): the dispatch names the table, and
/// the decoder steps over it instead of reading its entries as instructions. Encodings and the
/// linear decodes quoted below were checked with `objdump -D -b binary`.
@Suite("MSVC jump tables in x86/x64 code")
struct ISAJumpTableTests {
    /// A PE image with one code section at RVA 0x1000 holding `bytes`.
    private func profile(_ bytes: [UInt8], architecture: CodeArchitecture, imageBase: UInt64) -> ISAProfile {
        let pe = PEInfo(
            isPE32Plus: architecture == .x64, characteristics: 0x2022, timeDateStamp: 0, subsystem: 3,
            dllCharacteristics: 0, imageBase: imageBase, addressOfEntryPoint: 0x1000, sizeOfImage: 0x2000, sections: [])
        let image = BinaryImage(
            format: .pe, machine: architecture == .x64 ? 0x8664 : 0x14C, machineName: "test",
            execution: architecture == .x64 ? .x64 : .x86,
            kind: .library, bits: architecture == .x64 ? 64 : 32, pe: pe,
            code: CodeLayout(
                architecture: architecture,
                sections: [CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)]))
        return bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }
    }

    /// `lea rdx, [rip-0x1007]` (the image base), `mov ecx, [rdx+rax*4+0x1020]`, `add rcx, rdx`,
    /// `jmp rcx`, int3 padding, then at 0x1020 a three-entry table of RVAs 0x10D8, 0x10DC,
    /// 0x1013 (decoded linearly: `fcom dword [rax]`, `fcom qword [rax]`, `adc edx, [rax]`),
    /// then `vaddps ymm0, ymm0, ymm1` and `ret`.
    static let x64Switch: [UInt8] =
        [
            0x48, 0x8D, 0x15, 0xF9, 0xEF, 0xFF, 0xFF, 0x8B, 0x8C, 0x82, 0x20, 0x10, 0x00, 0x00, 0x48, 0x03, 0xCA, 0xFF,
            0xE1,
        ]
        + [UInt8](repeating: 0xCC, count: 13)
        + [0xD8, 0x10, 0x00, 0x00, 0xDC, 0x10, 0x00, 0x00, 0x13, 0x10, 0x00, 0x00]
        + [0xC5, 0xFC, 0x58, 0xC1, 0xC3]

    @Test func anX64JumpTableIsSteppedOverAndTheCodeAfterItDecoded() {
        let profile = profile(Self.x64Switch, architecture: .x64, imageBase: 0x1_8000_0000)
        #expect(profile.x86["x87"] == nil, "\(profile.x86)")
        #expect(profile.x86["avx"] == 1)
        #expect(profile.decodeFailures == 0)
    }

    @Test func withoutAPEImageTheTableIsDecodedAsTheBytesSay() {
        // ELF compilers keep tables out of code, so ELF code is decoded as it stands.
        let bytes = Self.x64Switch
        let section = CodeSection(name: ".text", address: 0x1000, fileOffset: 0, fileSize: bytes.count)
        let image = BinaryImage(
            format: .elf, machine: 62, machineName: "test", execution: .x64, kind: .library, bits: 64,
            code: CodeLayout(architecture: .x64, sections: [section]))
        let profile = bytes.withUnsafeBytes { ISAAnalyzer.profile(image: image, bytes: $0) }
        #expect(profile.x86["x87"] == 2)
    }

    /// `movzx eax, byte [eax+0x401028]`, `jmp [eax*4+0x401020]`, padding, then at 0x401020 a
    /// table of absolute addresses 0x4010D8 and 0x4010DC (`D8 10 40 00`, `DC 10 40 00`: x87
    /// when decoded), the index table `01 00 01` right after it, then `vaddps ymm0, ymm0, ymm1`
    /// and `ret`. Decoded linearly, the odd-length index table swallows the VEX prefix
    /// (`add [eax], eax`, `add ebp, eax`, `cld`...), so the AVX instruction shows that it was
    /// stepped over.
    @Test func anX86JumpTableAndItsIndexTableAreSteppedOver() {
        let bytes: [UInt8] =
            [0x0F, 0xB6, 0x80, 0x28, 0x10, 0x40, 0x00]
            + [0xFF, 0x24, 0x85, 0x20, 0x10, 0x40, 0x00]
            + [UInt8](repeating: 0xCC, count: 18)
            + [0xD8, 0x10, 0x40, 0x00, 0xDC, 0x10, 0x40, 0x00]
            + [0x01, 0x00, 0x01]
            + [0xC5, 0xFC, 0x58, 0xC1, 0xC3]
        let profile = profile(bytes, architecture: .x86, imageBase: 0x40_0000)
        #expect(profile.x86["x87"] == nil, "\(profile.x86)")
        #expect(profile.x86["avx"] == 1, "\(profile.x86)")
    }

    /// 200,000 table reads naming 200,000 different tables ahead (a hostile file) are noted
    /// up to `X86JumpTables.maxPending` and the decode still reaches the end.
    @Test func endlessTableReferencesStayBounded() {
        var bytes: [UInt8] = []
        for index in 0..<200_000 {
            // mov ecx, [rdx+rax*4+disp32], each displacement a little further ahead.
            let displacement = UInt32(0x1000 + 7 * 200_000 + index * 4)
            bytes += [0x8B, 0x8C, 0x82] + (0..<4).map { UInt8(truncatingIfNeeded: displacement >> (8 * $0)) }
        }
        bytes += [0xC5, 0xFC, 0x58, 0xC1, 0xC3]
        let profile = profile(bytes, architecture: .x64, imageBase: 0x1_8000_0000)
        #expect(profile.x86["avx"] == 1)
        #expect(profile.bytesDecoded == bytes.count)
    }

    /// Ordinary indexed loads whose displacement happens to land in the code ahead
    /// (`movzx eax, byte [rcx+rdx+0x1010]`, `mov ecx, [rdx+rax*4+0x1010]`) name no table
    /// there: `vaddps` at 0x1010 is still decoded.
    @Test func aLoadThatNamesCodeStepsOverNothing() {
        let avx: [UInt8] = [0xC5, 0xFC, 0x58, 0xC1, 0xC3]
        let byteLoad: [UInt8] =
            [0x0F, 0xB6, 0x84, 0x11, 0x10, 0x10, 0x00, 0x00] + [UInt8](repeating: 0x90, count: 8) + avx
        #expect(profile(byteLoad, architecture: .x64, imageBase: 0x1_8000_0000).x86["avx"] == 1)
        let dwordLoad: [UInt8] = [0x8B, 0x8C, 0x82, 0x10, 0x10, 0x00, 0x00] + [UInt8](repeating: 0x90, count: 9) + avx
        #expect(profile(dwordLoad, architecture: .x64, imageBase: 0x1_8000_0000).x86["avx"] == 1)
    }

    @Test func aTableReferencePastTheCodeOrBeforeTheImageBaseChangesNothing() {
        // mov ecx, [rdx+rax*4+0x7FFF0000]: no such table in the bytes; decoding goes on as usual.
        let bytes: [UInt8] = [0x8B, 0x8C, 0x82, 0x00, 0x00, 0xFF, 0x7F, 0xC5, 0xFC, 0x58, 0xC1, 0xC3]
        #expect(profile(bytes, architecture: .x64, imageBase: 0x1_8000_0000).x86["avx"] == 1)
        // jmp [eax*4+0x1020] with image base 0x400000: the subtraction would wrap; ignored.
        let x86: [UInt8] = [0xFF, 0x24, 0x85, 0x20, 0x10, 0x00, 0x00, 0xC3]
        #expect(profile(x86, architecture: .x86, imageBase: 0x40_0000).decodeFailures == 0)
    }
}
