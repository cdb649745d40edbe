import Testing
@testable import BinaryFormats

/// Hostile PE input: each case must give a precise reason or a bounded result, never a trap.
@Suite("PE malformed input")
struct PEMalformedTests {
    private func read(_ bytes: [UInt8]) -> ReadResult {
        bytes.withUnsafeBytes { BinaryReader.read(bytes: $0) }
    }

    private func reason(_ bytes: [UInt8]) -> String? {
        if case let .failed(_, reason) = read(bytes) { return reason.description }
        return nil
    }

    @Test func theBuilderMakesAValidImage() throws {
        guard case let .image(image) = read(PETestImage().bytes) else {
            Issue.record("the test image should read")
            return
        }
        #expect(image.machine == 0x8664)
        #expect(image.execution == .x64)
        #expect(image.kind == .executable)
        #expect(image.code.sections.map(\.name) == [".text"])
    }

    @Test func truncatedDOSHeader() {
        #expect(
            reason(Array(PETestImage().bytes.prefix(0x20))) == "DOS header truncated: file is 0x20 bytes, needs 0x40")
    }

    @Test func eLfanewPastTheEnd() {
        var image = PETestImage()
        image.put32(0x3C, 0x1F000)
        #expect(reason(image.bytes) == "e_lfanew points past end of file (0x1f000 > 0x400)")
    }

    @Test(arguments: [
        (0x46, "COFF file header at 0x44 needs 20 bytes but the file ends at 0x46"),
        (0x58, "optional header magic at 0x58 lies past the end of the file (size 0x58)"),
        (0x59, "optional header magic at 0x58 needs 2 bytes but the file ends at 0x59"),
        // pefile's minimum: the optional header up to Subsystem's low byte (0x58 + 69 = 0x9d).
        (0x9C, "optional header at 0x58 needs 69 bytes but the file ends at 0x9c"),
    ])
    func truncatedAtEachHeaderBoundary(length: Int, expected: String) {
        #expect(reason(Array(PETestImage().bytes.prefix(length))) == expected)
    }

    @Test func badOptionalHeaderMagic() {
        var image = PETestImage()
        image.put16(PETestImage.optionalHeader, 0x10C)
        #expect(reason(image.bytes) == "optional header magic 0x10c is neither PE32 (0x10b) nor PE32+ (0x20b)")
    }

    /// SizeOfOptionalHeader only locates the section table (corkami nullSOH-XP): 0x40 puts it
    /// inside the optional header, which is still read whole.
    @Test func sizeOfOptionalHeaderBelowTheHeaderMovesOnlyTheSectionTable() throws {
        var image = PETestImage()
        image.put16(PETestImage.fileHeader + 16, 0x40)
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("a short SizeOfOptionalHeader should still read")
            return
        }
        #expect(result.machine == 0x8664)
        #expect(result.pe?.subsystem == 3)
        #expect(result.pe?.sections.count == 1)
        #expect(result.pe?.sections.first?.virtualAddress == 0)  // bytes 12-15 of the table at 0x98
        #expect(result.warnings.isEmpty)
    }

    /// 0x1F descriptors that share one never-ending thunk array: the total-name budget ends it.
    @Test func importDescriptorsSharingOneThunkArrayStayBounded() throws {
        var image = PETestImage()
        image.setDirectory(1, rva: 0x1000, size: 0x200)
        image.putString(PETestImage.textOffset(0x1100), "loop.dll")
        for index in 0..<0x0C {
            let at = PETestImage.textOffset(0x1000) + index * 20
            image.put32(at, 0x1000)  // the descriptors themselves, read as thunks
            image.put32(at + 12, 0x1100)
            image.put32(at + 16, 0x1000)
        }
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("a looping import table should still read")
            return
        }
        let imports = try #require(result.pe?.importDetails)
        #expect(imports.count == 0x0C)
        #expect(result.pe?.imports == ["loop.dll"])
    }

    /// 24 descriptors repeat one table of 60 ordinal thunks: 1,440 names from a 2,048-byte file,
    /// which holds at most 2048 / 8 = 256 PE32+ thunks. The budget for that size is 1,024
    /// (ReadLimits.maxImportedFunctions: half the size, at least 1,024), so 1,024 are read.
    @Test func repeatedThunkTableIsHeldToTheFileSizeBudget() throws {
        var image = PETestImage()
        image.put32(PETestImage.sectionTable + 8, 0x600)  // .text VirtualSize
        image.put32(PETestImage.sectionTable + 16, 0x600)  // SizeOfRawData: the file is 0x800
        image.put(0x7FF, 0, 1)
        image.setDirectory(1, rva: 0x1000, size: 25 * 20)
        for index in 0..<24 {
            let at = PETestImage.textOffset(0x1000) + index * 20
            image.put32(at, 0x1210)  // OriginalFirstThunk
            image.put32(at + 12, 0x1200)  // Name
            image.put32(at + 16, 0x1210)  // FirstThunk
        }
        image.putString(PETestImage.textOffset(0x1200), "shared.dll")
        for index in 0..<60 {
            image.put64(PETestImage.textOffset(0x1210) + index * 8, 1 << 63 | UInt64(index + 1))
        }
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("a repeated import table should still read")
            return
        }
        let imports = try #require(result.pe?.importDetails)
        #expect(imports.reduce(0) { $0 + $1.functions.count } == 1024)
        #expect(imports.first?.functions.prefix(2) == ["#1", "#2"])
        #expect(
            result.warnings.contains(
                ReadWarning(
                    .imports,
                    "a name table reached the limit of 65536 names per DLL, or of 1024 names or 65536 bytes of names in all (for 2048 bytes of file): the rest were not read"
                )))
    }

    /// 100 export name pointers share one 1,000-byte name: 100,100 bytes of names from a 4 KB
    /// file. The byte budget for that size is 64 KiB (ReadLimits.maxNameBytes), which holds 65
    /// of those names with their NULs (65,065 bytes), so the 66th and later are not read.
    @Test func exportNamesSharingOneStringAreHeldToTheByteBudget() throws {
        var image = PETestImage()
        image.put32(PETestImage.sectionTable + 8, 0xE00)  // .text VirtualSize
        image.put32(PETestImage.sectionTable + 16, 0xE00)  // SizeOfRawData: the file is 0x1000
        image.put(0xFFF, 0, 1)
        image.setDirectory(0, rva: 0x1000, size: 0x28)
        let directory = PETestImage.textOffset(0x1000)
        image.put32(directory + 20, 100)  // NumberOfFunctions
        image.put32(directory + 24, 100)  // NumberOfNames
        image.put32(directory + 28, 0x1800)  // AddressOfFunctions
        image.put32(directory + 32, 0x1100)  // AddressOfNames
        image.put32(directory + 36, 0x1300)  // AddressOfNameOrdinals
        image.putString(PETestImage.textOffset(0x1400), String(repeating: "A", count: 1000))
        for index in 0..<100 {
            image.put32(PETestImage.textOffset(0x1100) + index * 4, 0x1400)
            image.put16(PETestImage.textOffset(0x1300) + index * 2, UInt16(index))
            image.put32(PETestImage.textOffset(0x1800) + index * 4, 0x1050)
        }
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("shared export names should still read")
            return
        }
        let entries = try #require(result.pe?.exports?.entries)
        #expect(entries.count == 100)
        #expect(entries.filter { $0.name != nil }.count == 65)
        #expect(
            result.warnings.contains(
                ReadWarning(
                    .exports,
                    "the names reached the limit of 65536 bytes of names in all (for 4096 bytes of file) after 65 of 100: the rest were not read"
                )))
    }

    @Test func zeroSizedAndOverlappingSections() {
        var image = PETestImage()
        image.put16(PETestImage.fileHeader + 2, 2)
        let second = PETestImage.sectionTable + 40
        image.put32(second + 12, PETestImage.textRVA)  // same RVA as .text
        image.put32(second + 36, 0x6000_0020)
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("overlapping sections should still read")
            return
        }
        #expect(result.pe?.sections.count == 2)
    }

    @Test func plainDOSProgramIsNotAnError() {
        var image = PETestImage()
        image.put16(0x18, 0x1C)
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("a DOS program should read")
            return
        }
        #expect(result.format == .dos)
        #expect(result.kind == .dos)
    }

    @Test func neHeaderIs16Bit() {
        var image = PETestImage()
        image.put32(PETestImage.peOffset, 0x454E)
        guard case let .image(result) = read(image.bytes) else {
            Issue.record("an NE image should read")
            return
        }
        #expect(result.kind == .ne)
        #expect(result.bits == 16)
    }

    /// Seeded mutations of the test image: every one reads or fails with a reason, none traps.
    @Test func randomMutationsNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED)
        let base = PETestImage().bytes
        for _ in 0..<20000 {
            var bytes = base
            for _ in 0..<Int(generator.next() % 16 + 1) {
                let offset = Int(generator.next() % UInt64(bytes.count))
                bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
            }
            if generator.next() % 4 == 0 {
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            }
            _ = read(bytes)
        }
    }
}
