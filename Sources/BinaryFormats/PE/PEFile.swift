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
    let fileAlignment: UInt32
    let sizeOfImage: UInt32
    let sizeOfHeaders: UInt32
    let subsystem: UInt16
    let dllCharacteristics: UInt16
    let directories: [DataDirectory]
    let sections: [PESection]

    struct DataDirectory: Equatable {
        let rva: UInt32
        let size: UInt32
    }

    enum Directory: Int {
        case export = 0, `import`, resource, exception, security, baseReloc, debug, architecture
        case globalPtr, tls, loadConfig, boundImport, iat, delayImport, clr
    }

    init(reader: ByteReader, peOffset: Int) throws(BinaryFormatError) {
        self.reader = reader
        let fileHeader = peOffset + 4
        try reader.require(offset: fileHeader, length: 20, "COFF file header")
        machine = PEMachine(rawValue: try reader.u16(at: fileHeader))
        numberOfSections = Int(try reader.u16(at: fileHeader + 2))
        timeDateStamp = try reader.u32(at: fileHeader + 4)
        let sizeOfOptionalHeader = Int(try reader.u16(at: fileHeader + 16))
        characteristics = try reader.u16(at: fileHeader + 18)
        guard numberOfSections <= ReadLimits.maxSections else {
            throw .countTooLarge(what: "NumberOfSections", count: numberOfSections, limit: ReadLimits.maxSections)
        }
        let optional = fileHeader + 20
        guard sizeOfOptionalHeader >= 2 else {
            throw .invalid("SizeOfOptionalHeader is \(sizeOfOptionalHeader): an image needs an optional header")
        }
        let magic = try reader.u16(at: optional, "optional header magic")
        switch magic {
        case 0x10B: isPE32Plus = false
        case 0x20B: isPE32Plus = true
        default: throw .invalid("optional header magic \(hex(magic)) is neither PE32 (0x10b) nor PE32+ (0x20b)")
        }
        let directoryStart = optional + (isPE32Plus ? 112 : 96)
        try reader.require(offset: optional, length: directoryStart - optional, "optional header")
        guard sizeOfOptionalHeader >= directoryStart - optional else {
            throw .invalid(
                "SizeOfOptionalHeader \(hex(sizeOfOptionalHeader)) is smaller than the \(isPE32Plus ? "PE32+" : "PE32") optional header (\(hex(directoryStart - optional)))"
            )
        }
        addressOfEntryPoint = try reader.u32(at: optional + 16)
        imageBase = isPE32Plus ? try reader.u64(at: optional + 24) : UInt64(try reader.u32(at: optional + 28))
        fileAlignment = try reader.u32(at: optional + 36)
        sizeOfImage = try reader.u32(at: optional + 56)
        sizeOfHeaders = try reader.u32(at: optional + 60)
        subsystem = try reader.u16(at: optional + 68)
        dllCharacteristics = try reader.u16(at: optional + 70)
        let declared = Int(try reader.u32(at: directoryStart - 4))
        // The loader reads at most 16 directories and only those inside SizeOfOptionalHeader.
        let fitting = (sizeOfOptionalHeader - (directoryStart - optional)) / 8
        let directoryCount = min(declared, 16, fitting)
        var directories: [DataDirectory] = []
        for index in 0..<directoryCount {
            let at = directoryStart + index * 8
            guard reader.contains(offset: at, length: 8) else { break }
            directories.append(DataDirectory(rva: try reader.u32(at: at), size: try reader.u32(at: at + 4)))
        }
        self.directories = directories

        let sectionTable = optional + sizeOfOptionalHeader
        guard reader.contains(offset: sectionTable, length: numberOfSections * 40) else {
            throw .truncated(
                what: "section table (\(numberOfSections) entries)", offset: sectionTable,
                length: numberOfSections * 40, fileSize: reader.count)
        }
        var sections: [PESection] = []
        for index in 0..<numberOfSections {
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

    /// The file offset holding `rva`, or nil when no section's file data covers it.
    func offset(rva: UInt32) -> Int? {
        if rva < sizeOfHeaders, Int(rva) < reader.count { return Int(rva) }
        for section in sections {
            let start = UInt64(section.virtualAddress)
            let virtualSize = section.virtualSize != 0 ? section.virtualSize : section.sizeOfRawData
            let end = start + UInt64(virtualSize)
            guard UInt64(rva) >= start, UInt64(rva) < end else { continue }
            let delta = Int(UInt64(rva) - start)
            guard delta < Int(section.sizeOfRawData) else { return nil }
            let offset = rawStart(section) + delta
            return offset < reader.count ? offset : nil
        }
        return nil
    }

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
