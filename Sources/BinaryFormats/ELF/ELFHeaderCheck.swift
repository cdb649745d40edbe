/// The ELF header's shape, checked byte by byte before libelf sees the file.
///
/// libelf reports a broken header with a generic message ("invalid ELF file data"); reading the
/// identification, header and table extents through `ByteReader` first gives the person a
/// precise sentence with the offsets involved, and guarantees that every header table libelf
/// walks lies inside the file and has a capped entry count.
struct ELFHeaderCheck: Sendable, Equatable {
    var is64Bit: Bool
    var bigEndian: Bool
    var programHeaderOffset: Int
    /// Program headers, with `PN_XNUM` resolved through section 0's `sh_info`.
    var programHeaderCount: Int
    var sectionHeaderOffset: Int
    /// Section headers, with a zero `e_shnum` resolved through section 0's `sh_size`.
    var sectionCount: Int
    /// `e_shstrndx`, with `SHN_XINDEX` resolved through section 0's `sh_link`; 0 when absent.
    var sectionNameTableIndex: Int

    /// Checks the identification, header, and the extents of both header tables.
    ///
    /// - Throws: `.invalid` for a short or unknown identification or header, `.truncated` or
    ///   `.pointsPastEnd` for a table outside the file, `.countTooLarge` for absurd counts.
    init(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        let size = bytes.count
        guard size >= 16 else {
            throw .invalid("ELF identification truncated: file is \(hex(size)) bytes, needs 0x10")
        }
        var reader = ByteReader(bytes)
        let elfClass = try reader.u8(at: 4, "EI_CLASS")
        let encoding = try reader.u8(at: 5, "EI_DATA")
        guard elfClass == 1 || elfClass == 2 else {
            throw .invalid("ELF class \(elfClass) is neither ELFCLASS32 (1) nor ELFCLASS64 (2)")
        }
        guard encoding == 1 || encoding == 2 else {
            throw .invalid("ELF data encoding \(encoding) is neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)")
        }
        is64Bit = elfClass == 2
        bigEndian = encoding == 2
        reader.littleEndian = !bigEndian
        let headerSize = is64Bit ? 0x40 : 0x34
        guard size >= headerSize else {
            throw .invalid("ELF header truncated: file is \(hex(size)) bytes, needs \(hex(headerSize))")
        }
        let word = is64Bit ? 8 : 4
        let phoff = try reader.unsigned(at: is64Bit ? 32 : 28, width: word, "e_phoff")
        let shoff = try reader.unsigned(at: is64Bit ? 40 : 32, width: word, "e_shoff")
        let fields = is64Bit ? 54 : 42
        let phentsize = Int(try reader.u16(at: fields, "e_phentsize"))
        let phnum = Int(try reader.u16(at: fields + 2, "e_phnum"))
        let shentsize = Int(try reader.u16(at: fields + 4, "e_shentsize"))
        let shnum = Int(try reader.u16(at: fields + 6, "e_shnum"))
        let shstrndx = Int(try reader.u16(at: fields + 8, "e_shstrndx"))
        let className = is64Bit ? "ELF64" : "ELF32"

        // Section headers first: section 0 resolves the extended counts of both tables.
        var sections = 0
        var names = 0
        var xnumPhnum = phnum
        if shoff != 0 {
            let entry = is64Bit ? 0x40 : 0x28
            guard shentsize == entry else {
                throw .invalid(
                    "e_shentsize is \(hex(shentsize)) but \(className) section headers are \(hex(entry)) bytes")
            }
            let start = try Self.offset(shoff, field: "e_shoff", size: size)
            try reader.require(offset: start, length: entry, "section header 0")
            sections = shnum
            if shnum == 0 {
                let extended = try reader.unsigned(at: start + (is64Bit ? 32 : 20), width: word, "section 0 sh_size")
                guard extended <= UInt64(ReadLimits.maxELFSections) else {
                    throw .countTooLarge(
                        what: "ELF section header", count: Int(clamping: extended), limit: ReadLimits.maxELFSections)
                }
                sections = Int(extended)
            }
            guard sections <= ReadLimits.maxELFSections else {
                throw .countTooLarge(what: "ELF section header", count: sections, limit: ReadLimits.maxELFSections)
            }
            try reader.require(offset: start, length: sections * entry, "section header table (\(sections) entries)")
            names = shstrndx
            if shstrndx == 0xFFFF {  // SHN_XINDEX
                names = Int(try reader.u32(at: start + (is64Bit ? 40 : 24), "section 0 sh_link"))
            }
            if phnum == 0xFFFF {  // PN_XNUM
                xnumPhnum = Int(try reader.u32(at: start + (is64Bit ? 44 : 28), "section 0 sh_info"))
            }
            guard names < max(sections, 1) else {
                throw .invalid("e_shstrndx \(names) is out of range: the file has \(sections) section headers")
            }
            sectionHeaderOffset = start
        } else {
            sectionHeaderOffset = 0
        }
        sectionCount = sections
        sectionNameTableIndex = names

        guard xnumPhnum <= ReadLimits.maxELFProgramHeaders else {
            throw .countTooLarge(what: "ELF program header", count: xnumPhnum, limit: ReadLimits.maxELFProgramHeaders)
        }
        if xnumPhnum > 0 {
            let entry = is64Bit ? 0x38 : 0x20
            guard phentsize == entry else {
                throw .invalid(
                    "e_phentsize is \(hex(phentsize)) but \(className) program headers are \(hex(entry)) bytes")
            }
            let start = try Self.offset(phoff, field: "e_phoff", size: size)
            try reader.require(offset: start, length: xnumPhnum * entry, "program header table (\(xnumPhnum) entries)")
            programHeaderOffset = start
        } else {
            programHeaderOffset = 0
        }
        programHeaderCount = xnumPhnum
    }

    /// A header offset as `Int`, or `.pointsPastEnd` when it lies at or past the end.
    private static func offset(_ value: UInt64, field: String, size: Int) throws(BinaryFormatError) -> Int {
        guard value < UInt64(size) else { throw .pointsPastEnd(field: field, value: value, fileSize: size) }
        return Int(value)
    }
}
