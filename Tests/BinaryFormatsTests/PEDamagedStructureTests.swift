import Testing
@testable import BinaryFormats

/// One damaged structure degrades that structure, not the file: each case breaks one
/// directory of the test image (PETestImage: AMD64, PE32+, console, `.text` at RVA 0x1000 /
/// file 0x200, 0x400 bytes) and expects the image to read with its machine, execution and kind
/// unchanged and exactly one warning naming the structure.
@Suite("PE damaged structures")
struct PEDamagedStructureTests {
    private func image(_ bytes: [UInt8], options: ReadOptions = .full) throws -> BinaryImage {
        let result = bytes.withUnsafeBytes { BinaryReader.read(bytes: $0, options: options) }
        guard case let .image(image) = result else {
            throw Unreadable(result: result)
        }
        return image
    }

    struct Unreadable: Error {
        let result: ReadResult
    }

    /// The headers alone decide these (PE spec: Machine 0x8664, Subsystem 3, no DLL flag).
    private func expectHeadersIntact(_ image: BinaryImage, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(image.machine == 0x8664, sourceLocation: sourceLocation)
        #expect(image.execution == .x64, sourceLocation: sourceLocation)
        #expect(image.kind == .executable, sourceLocation: sourceLocation)
        #expect(image.pe?.sections.map(\.name) == [".text"], sourceLocation: sourceLocation)
    }

    /// Data directory index (PE spec "Optional Header Data Directories"), the structure, and
    /// the name the sentence uses.
    static let directories: [(Int, ReadWarning.Structure, String)] = [
        (0, .exports, "export directory"),
        (1, .imports, "import directory"),
        (2, .resources, "resource directory"),
        (3, .exceptions, "exception table"),
        (6, .debug, "debug directory"),
        (10, .loadConfig, "load config"),
        (13, .delayImports, "delay-load import directory"),
        (14, .clrHeader, "CLR header"),
    ]

    @Test(arguments: directories)
    func directoryWithoutFileData(index: Int, structure: ReadWarning.Structure, name: String) throws {
        var bytes = PETestImage()
        bytes.setDirectory(index, rva: 0x9000, size: 0x40)
        let read = try image(bytes.bytes)
        expectHeadersIntact(read)
        #expect(read.warnings == [ReadWarning(structure, "\(name) RVA 0x9000 is not backed by file data")])
    }

    /// Two damaged directories give two warnings; a good one between them is still read.
    @Test func damageStaysWithItsStructure() throws {
        var bytes = PETestImage()
        bytes.setDirectory(1, rva: 0x1000, size: 40)
        let descriptor = PETestImage.textOffset(0x1000)
        bytes.put32(descriptor, 0x1100)  // OriginalFirstThunk
        bytes.put32(descriptor + 12, 0x1180)  // Name
        bytes.put32(descriptor + 16, 0x1100)  // FirstThunk
        bytes.put64(PETestImage.textOffset(0x1100), 0x1140)  // one thunk: hint/name at 0x1140
        bytes.putString(PETestImage.textOffset(0x1142), "ExitProcess")
        bytes.putString(PETestImage.textOffset(0x1180), "KERNEL32.dll")
        bytes.setDirectory(0, rva: 0xFFFF_FFFF, size: 0x28)
        bytes.setDirectory(10, rva: 0x8000, size: 0x100)
        let read = try image(bytes.bytes)
        expectHeadersIntact(read)
        #expect(read.warnings.map(\.structure) == [.exports, .loadConfig])
        #expect(read.pe?.importDetails == [PEImport(dll: "kernel32.dll", delayLoad: false, functions: ["ExitProcess"])])
    }

    /// NumberOfFunctions 2^32 - 1 (corkami dllord.dll): the loader never walks the table, so it
    /// is read up to the cap or the end of the file, and both are said.
    @Test func absurdExportCountIsCappedByWork() throws {
        var bytes = PETestImage()
        bytes.setDirectory(0, rva: 0x1000, size: 0x28)
        let directory = PETestImage.textOffset(0x1000)
        bytes.put32(directory + 20, 0xFFFF_FFFF)  // NumberOfFunctions
        bytes.put32(directory + 28, 0x1100)  // AddressOfFunctions
        bytes.put32(PETestImage.textOffset(0x1100), 0x1050)
        let read = try image(bytes.bytes)
        expectHeadersIntact(read)
        // The table starts at file offset 0x300: 64 entries fit before the end of the file.
        #expect(
            read.warnings == [
                ReadWarning(.exports, "NumberOfFunctions is 4294967295: the first 262144 entries were read"),
                ReadWarning(.exports, "the address table ends after 64 of 4294967295 entries (the file ends at 0x400)"),
            ])
        #expect(read.pe?.exports?.entries.first?.rva == 0x1050)
    }

    /// A version resource whose data RVA has no file data: `version`, not `resources`.
    @Test func versionResourceWithoutData() throws {
        let read = try image(resourceImage(type: 16, dataRVA: 0x9000, size: 0x40).bytes)
        expectHeadersIntact(read)
        #expect(read.warnings == [ReadWarning(.version, "resource data RVA 0x9000 is not backed by file data")])
        #expect(read.pe?.version == nil)
    }

    /// A manifest larger than the file: `manifest`.
    @Test func manifestRunningPastTheFile() throws {
        let read = try image(resourceImage(type: 24, dataRVA: 0x1100, size: 0x20_0000).bytes)
        expectHeadersIntact(read)
        #expect(
            read.warnings == [
                ReadWarning(.manifest, "resource data at 0x300 needs 2097152 bytes but the file ends at 0x400")
            ])
    }

    /// A resource root (at .text) with one id entry for `type` whose OffsetToData is a data
    /// entry {dataRVA, size} right after it.
    private func resourceImage(type: UInt32, dataRVA: UInt32, size: UInt32) -> PETestImage {
        var bytes = PETestImage()
        bytes.setDirectory(2, rva: 0x1000, size: 0x100)
        let root = PETestImage.textOffset(0x1000)
        bytes.put16(root + 14, 1)  // NumberOfIdEntries
        bytes.put32(root + 16, type)
        bytes.put32(root + 20, 0x18)  // data entry, relative to the root
        bytes.put32(root + 0x18, dataRVA)
        bytes.put32(root + 0x1C, size)
        return bytes
    }

    /// Every cut of the file inside `.text` (the import descriptor, its thunks and names): the
    /// headers still read, and a cut section or a lost name is always reported.
    @Test func truncationInsideTheImportDataKeepsTheHeaders() throws {
        var bytes = PETestImage()
        bytes.setDirectory(1, rva: 0x1000, size: 40)
        let descriptor = PETestImage.textOffset(0x1000)
        bytes.put32(descriptor, 0x1100)
        bytes.put32(descriptor + 12, 0x1180)
        bytes.put32(descriptor + 16, 0x1100)
        bytes.put64(PETestImage.textOffset(0x1100), 0x1140)
        bytes.putString(PETestImage.textOffset(0x1142), "ExitProcess")
        bytes.putString(PETestImage.textOffset(0x1180), "KERNEL32.dll")
        for length in stride(from: PETestImage.textRaw, through: PETestImage.textOffset(0x1190), by: 3) {
            let read = try image(Array(bytes.bytes.prefix(length)))
            #expect(read.machine == 0x8664)
            #expect(read.execution == .x64)
            #expect(read.warnings.contains { $0.structure == .sectionTable }, "cut at \(length)")
        }
    }

    /// NumberOfSections larger than the table the file holds (corkami virtsectblXP): the
    /// entries in the file are read.
    @Test func sectionTablePastTheEnd() throws {
        var bytes = PETestImage()
        bytes.put16(PETestImage.fileHeader + 2, 0xFFFF)
        let read = try image(Array(bytes.bytes.prefix(0x200)))
        #expect(read.machine == 0x8664)
        #expect(read.pe?.sections.count == (0x200 - PETestImage.sectionTable) / 40)
        #expect(read.warnings.first?.structure == .sectionTable)
        #expect(read.warnings.first?.message.hasPrefix("NumberOfSections is 65535 but only 4 entries") == true)
    }

    /// 65,535 sections, all in the file (corkami 65535sects.exe runs on Windows 7): every one is
    /// read, and RVA lookups through all of them still find the import table in the last.
    @Test(.timeLimit(.minutes(10))) func allSixtyFiveThousandSections() throws {
        var bytes = PETestImage()
        let count = 0xFFFF
        bytes.put16(PETestImage.fileHeader + 2, UInt16(count))
        let dataStart = PETestImage.sectionTable + count * 40
        let raw = (dataStart + 0x1FF) & ~0x1FF
        bytes.put32(PETestImage.optionalHeader + 60, UInt32(raw))  // SizeOfHeaders
        for index in 0..<count {
            let at = PETestImage.sectionTable + index * 40
            bytes.put32(at + 8, 0x10)  // VirtualSize
            bytes.put32(at + 12, 0x1000 + UInt32(index) * 0x1000)  // VirtualAddress
            bytes.put32(at + 16, index == count - 1 ? 0x200 : 0)  // SizeOfRawData
            bytes.put32(at + 20, index == count - 1 ? UInt32(raw) : 0)
            bytes.put32(at + 36, 0x4000_0040)
        }
        let lastRVA = 0x1000 + UInt32(count - 1) * 0x1000
        bytes.put32(PETestImage.sectionTable + (count - 1) * 40 + 8, 0x200)
        bytes.setDirectory(1, rva: lastRVA, size: 40)
        bytes.put32(raw + 12, lastRVA + 0x100)
        bytes.put32(raw + 16, lastRVA + 0x80)
        bytes.putString(raw + 0x100, "user32.dll")
        bytes.put(raw + 0x1FF, 0, 1)
        let read = try image(bytes.bytes)
        #expect(read.pe?.sections.count == count)
        #expect(read.pe?.imports == ["user32.dll"])
        #expect(read.warnings.isEmpty)
    }

    /// SizeOfOptionalHeader 0 (corkami tiny.exe, nullSOH-XP.exe): the section table starts where
    /// the optional header does; the optional header is still read whole.
    @Test func sizeOfOptionalHeaderZero() throws {
        var bytes = PETestImage()
        bytes.put16(PETestImage.fileHeader + 16, 0)
        bytes.put16(PETestImage.fileHeader + 2, 0)
        let read = try image(bytes.bytes)
        #expect(read.machine == 0x8664)
        #expect(read.pe?.subsystem == 3)
        #expect(read.pe?.sections.isEmpty == true)
        #expect(read.warnings.isEmpty)
    }

    /// An optional header cut after Subsystem's low byte (corkami tinyXP.exe, 97 bytes): the rest
    /// reads as zero, as pefile pads it, and is reported.
    @Test func optionalHeaderCutShort() throws {
        var bytes = PETestImage()
        bytes.put16(PETestImage.fileHeader + 2, 0)
        bytes.put16(PETestImage.optionalHeader + 70, 0x8160)  // DllCharacteristics, cut off below
        let read = try image(Array(bytes.bytes.prefix(PETestImage.optionalHeader + 69)))
        #expect(read.machine == 0x8664)
        #expect(read.pe?.subsystem == 3)
        #expect(read.pe?.dllCharacteristics == 0)
        #expect(read.warnings.map(\.structure) == [.optionalHeader])
    }

    /// Header-level reads skip the exception table, so they cannot report it damaged.
    @Test func headerReadsDoNotLookAtTheExceptionTable() throws {
        var bytes = PETestImage()
        bytes.setDirectory(3, rva: 0x9000, size: 0x40)
        #expect(try image(bytes.bytes, options: .headers).warnings.isEmpty)
    }
}
