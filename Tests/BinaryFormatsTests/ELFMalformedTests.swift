import Foundation
import Testing

@testable import BinaryFormats

/// Hostile and broken ELF input built from bytes (DESIGN.md §8): each case asserts the exact
/// sentence, or that the reader returns partial facts without crashing or hanging.
@Suite("ELF malformed input")
struct ELFMalformedTests {
    @Test("the hand-built image reads back as the gABI layout says")
    func minimalImage() throws {
        let image = try readELF(ELFImageBuilder.minimal().bytes).get()
        try checkMinimal(image, machine: 62, machineName: "x86-64")
        #expect(image.execution == .x64)
        #expect(image.elf?.dataEncoding == "little")
    }

    @Test("big-endian ELF is translated the same way")
    func bigEndianImage() throws {
        let image = try readELF(ELFImageBuilder.minimal(bigEndian: true, machine: 21).bytes).get()
        try checkMinimal(image, machine: 21, machineName: "PowerPC64")
        #expect(image.execution == .other)
        #expect(image.elf?.dataEncoding == "big")
    }

    private func checkMinimal(_ image: BinaryImage, machine: UInt32, machineName: String) throws {
        let elf = try #require(image.elf)
        #expect(image.format == .elf)
        #expect(image.machine == machine)
        #expect(image.machineName == machineName)
        #expect(image.kind == .library)  // PT_INTERP, but a DT_SONAME and no DF_1_PIE: like libc.so.6
        #expect(image.bits == 64)
        #expect(elf.type == "DYN")
        #expect(elf.interpreter == ELFImageBuilder.interpreter)
        #expect(elf.buildID == "deadbeef00112233")
        #expect(elf.sections.map(\.name) == ELFImageBuilder.sectionNames)
        #expect(elf.needed == [ELFImageBuilder.needed])
        #expect(elf.soname == ELFImageBuilder.soname)
        #expect(elf.executableSections == [".text"])
        let text = ELFImageBuilder.base + UInt64(ELFImageBuilder.textOffset)
        #expect(
            image.code.sections == [
                CodeSection(name: ".text", address: text, fileOffset: ELFImageBuilder.textOffset, fileSize: 16)
            ])
        #expect(image.code.functionSource == .ehFrame)
        #expect(image.code.functions == [FunctionRange(start: text, size: 16)])
    }

    @Test("ET_DYN is an executable with DF_1_PIE, or with PT_INTERP and no DT_SONAME")
    func dynamicKind() throws {
        #expect(ELFMachine.kind(type: 3, hasInterpreter: false, pieFlag: true, hasSoname: false) == .executable)
        #expect(ELFMachine.kind(type: 3, hasInterpreter: true, pieFlag: false, hasSoname: false) == .executable)
        #expect(ELFMachine.kind(type: 3, hasInterpreter: true, pieFlag: false, hasSoname: true) == .library)
        #expect(ELFMachine.kind(type: 3, hasInterpreter: false, pieFlag: false, hasSoname: false) == .library)
        #expect(ELFMachine.kind(type: 2, hasInterpreter: false, pieFlag: false, hasSoname: false) == .executable)
        #expect(ELFMachine.kind(type: 1, hasInterpreter: false, pieFlag: false, hasSoname: false) == .object)
        #expect(ELFMachine.kind(type: 4, hasInterpreter: false, pieFlag: false, hasSoname: false) == .core)
        // The hand-built image with its DT_SONAME tag rewritten to DT_DEBUG (21): now a PIE.
        var b = ELFImageBuilder.minimal()
        b.put64(21, at: ELFImageBuilder.dynamicOffset + 16)
        #expect(try readELF(b.bytes).get().kind == .executable)
    }

    @Test("truncation at each header boundary gives the exact sentence")
    func truncatedHeaders() {
        let bytes = ELFImageBuilder.minimal().bytes
        #expect(elfError(Array(bytes[0..<8])) == "ELF identification truncated: file is 0x8 bytes, needs 0x10")
        #expect(elfError(Array(bytes[0..<0x20])) == "ELF header truncated: file is 0x20 bytes, needs 0x40")
        #expect(elfError(Array(bytes[0..<0x40])) == "e_shoff points past end of file (0x260 > 0x40)")
        // Without section headers, the program header table is the next structure to fail.
        var noSections = ELFImageBuilder.minimal()
        noSections.put64(0, at: 40)
        #expect(
            elfError(Array(noSections.bytes[0..<0x60]))
                == "program header table (4 entries) at 0x40 needs 224 bytes but the file ends at 0x60")
        #expect(
            elfError(Array(bytes[0..<0x280])) == "section header 0 at 0x260 needs 64 bytes but the file ends at 0x280")
        #expect(
            elfError(Array(bytes[0..<0x2E0]))
                == "section header table (9 entries) at 0x260 needs 576 bytes but the file ends at 0x2e0")
    }

    @Test("identification bytes outside the gABI are named")
    func badIdentification() {
        var b = ELFImageBuilder.minimal()
        b.bytes[4] = 3
        #expect(elfError(b.bytes) == "ELF class 3 is neither ELFCLASS32 (1) nor ELFCLASS64 (2)")
        b = ELFImageBuilder.minimal()
        b.bytes[5] = 0
        #expect(elfError(b.bytes) == "ELF data encoding 0 is neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)")
        b = ELFImageBuilder.minimal()
        b.put16(40, at: 58)
        #expect(elfError(b.bytes) == "e_shentsize is 0x28 but ELF64 section headers are 0x40 bytes")
    }

    @Test("header tables and counts pointing outside the file")
    func absurdTables() {
        var b = ELFImageBuilder.minimal()
        b.put64(0x10_0000, at: 40)
        #expect(elfError(b.bytes) == "e_shoff points past end of file (0x100000 > 0x4a0)")
        b = ELFImageBuilder.minimal()
        b.put16(0xFFF0, at: 60)
        #expect(
            elfError(b.bytes)
                == "section header table (65520 entries) at 0x260 needs 4193280 bytes but the file ends at 0x4a0")
        // e_shnum 0: the real count is section 0's sh_size.
        b = ELFImageBuilder.minimal()
        b.put16(0, at: 60)
        b.put64(1 << 40, at: ELFImageBuilder.sectionHeaderOffset + 32)
        #expect(elfError(b.bytes) == "ELF section header count 1099511627776 exceeds the limit of 1048576")
        b = ELFImageBuilder.minimal()
        b.put16(5000, at: 56)
        #expect(
            elfError(b.bytes)
                == "program header table (5000 entries) at 0x40 needs 280000 bytes but the file ends at 0x4a0")
        // e_phnum PN_XNUM: the real count is section 0's sh_info.
        b = ELFImageBuilder.minimal()
        b.put16(0xFFFF, at: 56)
        b.put32(0xFFFF_FFFF, at: ELFImageBuilder.sectionHeaderOffset + 44)
        #expect(elfError(b.bytes) == "ELF program header count 4294967295 exceeds the limit of 65536")
        b = ELFImageBuilder.minimal()
        b.put64(0xFFFF_FFFF_FFFF_FFF0, at: 32)
        #expect(elfError(b.bytes) == "e_phoff points past end of file (0xfffffffffffffff0 > 0x4a0)")
    }

    @Test("section name table index out of range")
    func badSectionNameIndex() {
        var b = ELFImageBuilder.minimal()
        b.put16(200, at: 62)
        #expect(elfError(b.bytes) == "e_shstrndx 200 is out of range: the file has 9 section headers")
        // A name offset past the table's end leaves that one name empty.
        b = ELFImageBuilder.minimal()
        b.put32(0xFFFF_FF00, at: ELFImageBuilder.sectionHeaderOffset + 3 * 64)
        let image = try? readELF(b.bytes).get()
        #expect(image?.elf?.executableSections == [""])
    }

    @Test("without section headers, PT_DYNAMIC and PT_NOTE still give the facts")
    func withoutSections() throws {
        for bigEndian in [false, true] {
            var b = ELFImageBuilder.minimal(bigEndian: bigEndian)
            b.put64(0, at: 40)  // e_shoff
            b.put16(0, at: 60)  // e_shnum
            b.put16(0, at: 62)  // e_shstrndx
            let image = try readELF(b.bytes).get()
            #expect(image.elf?.sections == [])
            #expect(image.elf?.needed == [ELFImageBuilder.needed])
            #expect(image.elf?.soname == ELFImageBuilder.soname)
            #expect(image.elf?.buildID == "deadbeef00112233")
            #expect(image.elf?.interpreter == ELFImageBuilder.interpreter)
            #expect(image.code.sections.isEmpty)
        }
    }

    @Test(".dynamic whose sh_link loops to itself or leaves the table falls back to DT_STRTAB")
    func dynamicLinkLoops() throws {
        let linkField = ELFImageBuilder.sectionHeaderOffset + 6 * 64 + 40
        for link: UInt64 in [6, 200, 0] {
            var b = ELFImageBuilder.minimal()
            b.put32(link, at: linkField)
            let elf = try #require(try readELF(b.bytes).get().elf)
            #expect(elf.needed == [ELFImageBuilder.needed])
            #expect(elf.soname == ELFImageBuilder.soname)
        }
        // Neither a usable sh_link nor a mapped DT_STRTAB: the entries are there, their names not.
        var b = ELFImageBuilder.minimal()
        b.put32(6, at: linkField)
        b.put64(0x9000_0000, at: ELFImageBuilder.dynamicOffset + 2 * 16 + 8)
        #expect(try readELF(b.bytes).get().elf?.needed == [])
    }

    @Test("a .dynamic that runs past the end of the file is an error")
    func dynamicPastEnd() {
        var b = ELFImageBuilder.minimal()
        b.put64(0x10000, at: ELFImageBuilder.sectionHeaderOffset + 6 * 64 + 32)  // .dynamic sh_size
        #expect(elfError(b.bytes) == ".dynamic at 0x1c0 needs 65536 bytes but the file ends at 0x4a0")
    }

    @Test("PT_INTERP outside the file is an error")
    func interpreterPastEnd() {
        var b = ELFImageBuilder.minimal()
        b.put64(0x1000, at: 0x40 + 8)
        #expect(elfError(b.bytes) == "PT_INTERP at 0x1000 lies past the end of the file (size 0x4a0)")
    }

    @Test("a note with a huge namesz drops only the notes")
    func hugeNoteName() throws {
        var b = ELFImageBuilder.minimal()
        b.put32(0xFFFF_FFF0, at: ELFImageBuilder.noteOffset)
        let image = try readELF(b.bytes).get()
        #expect(image.elf?.buildID == nil)
        #expect(image.elf?.interpreter == ELFImageBuilder.interpreter)
        var notes = ELFNotes()
        #expect(throws: BinaryFormatError.self) {
            try b.bytes.withUnsafeBytes { raw in
                try notes.read(
                    ByteReader(raw), offset: UInt64(ELFImageBuilder.noteOffset), size: 24, alignment: 4, is64Bit: true)
            }
        }
    }

    @Test(".eh_frame with zero-length, self-referencing and oversized entries")
    func hostileEHFrame() throws {
        let o = ELFImageBuilder.ehFrameOffset
        // A zero length first: the terminator, no functions, no error.
        var b = ELFImageBuilder.minimal()
        b.put32(0, at: o)
        #expect(try readELF(b.bytes).get().code.functions.isEmpty)
        // An FDE whose CIE pointer points at itself: skipped, the walk goes on.
        b = ELFImageBuilder.minimal()
        b.put32(4, at: o + 0x1C)
        #expect(try readELF(b.bytes).get().code.functions.isEmpty)
        // A length that runs past the section.
        b = ELFImageBuilder.minimal()
        b.put32(0xFFFF_FF00, at: o)
        #expect(try readELF(b.bytes).get().code.functionSource == nil)
        let error = b.bytes.withUnsafeBytes { raw in
            Result { () throws(BinaryFormatError) in
                try ELFEHFrame.functions(ByteReader(raw), offset: UInt64(o), size: 0x40, address: 0, is64Bit: true)
            }
        }
        #expect(
            throws: BinaryFormatError.invalid(".eh_frame entry at 0x160 has length 0xffffff00 but 0x3c bytes remain")
        ) {
            try error.get()
        }
        // The 64-bit length escape with an absurd length.
        b = ELFImageBuilder.minimal()
        b.put32(0xFFFF_FFFF, at: o)
        b.put64(UInt64.max, at: o + 4)
        #expect(try readELF(b.bytes).get().code.functions.isEmpty)
    }

    @Test("random damage to a valid image never crashes or hangs", .timeLimit(.minutes(10)))
    func randomDamage() {
        var generator = SplitMix64(seed: 0xA11_E1F)
        let original = ELFImageBuilder.minimal().bytes
        var outcomes = (images: 0, errors: 0)
        for round in 0..<3000 {
            var bytes = original
            if round % 3 == 0 {
                // Garbage after the magic.
                for index in 4..<bytes.count { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
                bytes[4] = UInt8.random(in: 1...2, using: &generator)
                bytes[5] = UInt8.random(in: 1...2, using: &generator)
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 4..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            }
            switch readELF(bytes) {
            case .success: outcomes.images += 1
            case .failure: outcomes.errors += 1
            }
        }
        #expect(outcomes.images + outcomes.errors == 3000)
        #expect(outcomes.images > 0)
    }
}

/// A small deterministic generator (SplitMix64), so random-damage runs repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
