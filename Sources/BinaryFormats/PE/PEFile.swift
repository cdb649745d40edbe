/// The parsed PE headers of one image and the address arithmetic the other PE readers share:
/// RVA to file offset, and data directory lookup.
///
/// Layout from the PE format specification (learn.microsoft.com/windows/win32/debug/pe-format):
/// DOS header `e_lfanew` at 0x3C, `PE\0\0`, the 20-byte COFF file header, the optional header
/// (PE32 magic 0x10B, PE32+ 0x20B; PE32 fields are widened into one model here), then the
/// section table.
struct PEFile {
    let reader: ByteReader
    let machine: PEMachine
    let numberOfSections: Int
    let timeDateStamp: UInt32
    let characteristics: UInt16
    let isPE32Plus: Bool
    let addressOfEntryPoint: UInt32
    let imageBase: UInt64
    let sectionAlignment: UInt32
    let fileAlignment: UInt32
    let sizeOfImage: UInt32
    let sizeOfHeaders: UInt32
    let subsystem: UInt16
    let dllCharacteristics: UInt16
    let directories: [DataDirectory]
    let sections: [PESection]
    /// Where the headers depart from what the file holds (optional header past the end,
    /// section table entries past the end).
    let headerWarnings: [ReadWarning]
    private let sectionMap: PESectionMap

    struct DataDirectory: Equatable {
        let rva: UInt32
        let size: UInt32
    }

    enum Directory: Int {
        case export = 0, `import`, resource, exception, security, baseReloc, debug, architecture
        case globalPtr, tls, loadConfig, boundImport, iat, delayImport, clr
    }

    /// Reads the headers and the section table.
    ///
    /// What the Windows loader accepts is accepted here, so hand-made images that run still
    /// read (corkami's PE corpus): SizeOfOptionalHeader only locates the section table (0 puts
    /// it over the optional header); NumberOfRvaAndSizes, capped at 16, says how many data
    /// directories there are (as pefile, LIEF and ReactOS's RtlImageDirectoryEntryToData read
    /// it); NumberOfSections may be anything up to 65,535. Optional header bytes past the end of
    /// the file read as zero, as they do in the loader's zero-filled header page; section table
    /// entries past the end are not read. Both become `headerWarnings`.
    ///
    /// - Throws: when the COFF header, the optional header magic or the optional header
    ///   fields before Subsystem's high byte lie outside the file, or the magic is neither PE32
    ///   nor PE32+.
    init(reader: ByteReader, peOffset: Int) throws(BinaryFormatError) {
        self.reader = reader
        let fileHeader = peOffset + 4
        try reader.require(offset: fileHeader, length: 20, "COFF file header")
        machine = PEMachine(rawValue: try reader.u16(at: fileHeader))
        numberOfSections = Int(try reader.u16(at: fileHeader + 2))
        timeDateStamp = try reader.u32(at: fileHeader + 4)
        let sizeOfOptionalHeader = Int(try reader.u16(at: fileHeader + 16))
        characteristics = try reader.u16(at: fileHeader + 18)
        let optional = fileHeader + 20
        let magic = try reader.u16(at: optional, "optional header magic")
        switch magic {
        case 0x10B: isPE32Plus = false
        case 0x20B: isPE32Plus = true
        default: throw .invalid("optional header magic \(hex(magic)) is neither PE32 (0x10b) nor PE32+ (0x20b)")
        }
        try reader.require(offset: optional, length: Self.requiredOptionalHeader, "optional header")
        func field(_ at: Int, _ width: Int) -> UInt64 { Self.zeroFilled(reader, at: optional + at, width: width) }
        addressOfEntryPoint = UInt32(truncatingIfNeeded: field(16, 4))
        imageBase = isPE32Plus ? field(24, 8) : field(28, 4)
        sectionAlignment = UInt32(truncatingIfNeeded: field(32, 4))
        fileAlignment = UInt32(truncatingIfNeeded: field(36, 4))
        sizeOfImage = UInt32(truncatingIfNeeded: field(56, 4))
        sizeOfHeaders = UInt32(truncatingIfNeeded: field(60, 4))
        subsystem = UInt16(truncatingIfNeeded: field(68, 2))
        dllCharacteristics = UInt16(truncatingIfNeeded: field(70, 2))
        let directoryStart = isPE32Plus ? 112 : 96
        let directoryCount = Int(min(field(directoryStart - 4, 4), 16))
        directories = (0..<directoryCount).map { index in
            let at = directoryStart + index * 8
            return DataDirectory(
                rva: UInt32(truncatingIfNeeded: field(at, 4)), size: UInt32(truncatingIfNeeded: field(at + 4, 4)))
        }
        var warnings: [ReadWarning] = []
        let headerEnd = optional + directoryStart + directoryCount * 8
        if headerEnd > reader.count {
            warnings.append(
                ReadWarning(
                    .optionalHeader,
                    "the optional header and its \(directoryCount) data directories end at \(hex(headerEnd)), past the end of the file (\(hex(reader.count))): the missing bytes read as zero"
                ))
        }

        let sectionTable = optional + sizeOfOptionalHeader
        let inFile = reader.count > sectionTable ? (reader.count - sectionTable) / 40 : 0
        let readable = min(numberOfSections, inFile)
        if readable < numberOfSections {
            warnings.append(
                ReadWarning(
                    .sectionTable,
                    "NumberOfSections is \(numberOfSections) but only \(readable) entries of the section table at \(hex(sectionTable)) lie in the file (size \(hex(reader.count))); the other \(numberOfSections - readable) were not read"
                ))
        }
        var sections: [PESection] = []
        sections.reserveCapacity(readable)
        for index in 0..<readable {
            let at = sectionTable + index * 40
            let nameBytes = try reader.slice(at: at, length: 8, "section name")
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            sections.append(
                PESection(
                    name: name,
                    virtualAddress: try reader.u32(at: at + 12),
                    virtualSize: try reader.u32(at: at + 8),
                    pointerToRawData: try reader.u32(at: at + 20),
                    sizeOfRawData: try reader.u32(at: at + 16),
                    characteristics: try reader.u32(at: at + 36)))
        }
        self.sections = sections
        sectionMap = PESectionMap(sections)
        headerWarnings = warnings + Self.cutSections(sections, fileAlignment: fileAlignment, fileSize: reader.count)
    }

    /// One warning for sections whose raw data the file does not hold to the end: a truncated
    /// file, or a hand-made one whose last section the loader pads with zeros. The loader maps
    /// min(SizeOfRawData, VirtualSize) bytes of a section (VirtualSize 0: SizeOfRawData).
    private static func cutSections(_ sections: [PESection], fileAlignment: UInt32, fileSize: Int) -> [ReadWarning] {
        var cut: [(number: Int, end: UInt64)] = []
        for (index, section) in sections.enumerated() where section.sizeOfRawData > 0 {
            let start = UInt64(fileAlignment >= 0x200 ? section.pointerToRawData & ~0x1FF : section.pointerToRawData)
            let used =
                section.virtualSize != 0 ? min(section.sizeOfRawData, section.virtualSize) : section.sizeOfRawData
            let end = start + UInt64(used)
            if end > UInt64(fileSize) { cut.append((index + 1, end)) }
        }
        guard let first = cut.first else { return [] }
        let which =
            cut.count == 1 ? "section \(first.number)" : "\(cut.count) sections (the first: section \(first.number))"
        return [
            ReadWarning(
                .sectionTable,
                "the raw data of \(which) runs past the end of the file, to \(hex(first.end)) (file size \(hex(fileSize))): the missing bytes read as zero"
            )
        ]
    }

    /// Optional header bytes that must be in the file: the fields up to the low byte of
    /// Subsystem, pefile's minimum (the 97-byte tiny PE that Windows XP runs ends there); the
    /// loader maps the missing tail as zeros.
    static let requiredOptionalHeader = 69

    /// A little-endian value whose bytes past the end of the file count as zero.
    private static func zeroFilled(_ reader: ByteReader, at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<width).reversed() {
            let byte = (try? reader.u8(at: offset + index)) ?? 0
            value = (value << 8) | UInt64(byte)
        }
        return value
    }

    /// The data directory entry, or nil when absent or empty.
    func directory(_ which: Directory) -> DataDirectory? {
        guard which.rawValue < directories.count else { return nil }
        let entry = directories[which.rawValue]
        return entry.rva == 0 ? nil : entry
    }

    /// The raw-data start the loader actually uses: rounded down to 512 when FileAlignment is
    /// at least 512 (the same adjustment pefile makes).
    func rawStart(_ section: PESection) -> Int {
        let pointer = Int(section.pointerToRawData)
        return fileAlignment >= 0x200 ? pointer & ~0x1FF : pointer
    }

    /// The file offset holding `rva`, or nil when no file data backs it: the headers, then the
    /// first section whose virtual range holds it, then, for a low-alignment image, the flat
    /// mapping.
    func offset(rva: UInt32) -> Int? {
        if rva < sizeOfHeaders, Int(rva) < reader.count { return Int(rva) }
        if let index = sectionMap.section(containing: rva) {
            let section = sections[index]
            let delta = Int(rva - section.virtualAddress)
            if delta < Int(section.sizeOfRawData) {
                let offset = rawStart(section) + delta
                if offset < reader.count { return offset }
            }
        }
        return isLowAlignment && Int(rva) < reader.count ? Int(rva) : nil
    }

    /// SectionAlignment below the 4 KiB page: the loader maps such an image as the file lies,
    /// every RVA at the same file offset (corkami "Low Alignment"; pefile's fallback of an RVA
    /// outside every section to the same offset gives the same answer).
    var isLowAlignment: Bool { sectionAlignment < 0x1000 }

    /// Like `offset(rva:)` but throws a sentence naming `what` when the RVA has no file data.
    func requireOffset(rva: UInt32, _ what: String) throws(BinaryFormatError) -> Int {
        guard let offset = offset(rva: rva) else {
            throw .invalid("\(what) RVA \(hex(rva)) is not backed by file data")
        }
        return offset
    }

    /// Converts a virtual address from a header field to an RVA, nil when below the image base
    /// or beyond 32 bits.
    func rva(virtualAddress: UInt64) -> UInt32? {
        guard virtualAddress >= imageBase else { return nil }
        let delta = virtualAddress - imageBase
        return delta <= UInt64(UInt32.max) ? UInt32(delta) : nil
    }
}
