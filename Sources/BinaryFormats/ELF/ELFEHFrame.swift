/// Function ranges from `.eh_frame`, for binaries without sized function symbols.
///
/// Layout per the LSB "Exception Frames" chapter and DWARF 4 §6.4.1: a sequence of CIEs and
/// FDEs, each with a 4-byte length (`0xffffffff` then an 8-byte length for the 64-bit form, 0 as
/// the terminator); an FDE's second field points back to its CIE, whose `zR` augmentation gives
/// the encoding of the FDE's `pc_begin` and `pc_range`. Every read goes through a `ByteReader`
/// over the one entry, so a lying length can only make that entry fail.
struct ELFEHFrame {
    /// The pointer encoding (`DW_EH_PE_*`) an FDE's addresses use, from its CIE.
    private struct CIE {
        var encoding: UInt8
    }

    /// The FDE ranges of the `.eh_frame` at file range `offset..<offset+size`, loaded at `address`.
    ///
    /// - Returns: non-empty ranges, deduplicated and sorted by start; entries that cannot be read
    ///   after a valid prefix end the walk and the prefix is kept.
    /// - Throws: `.truncated` when the section lies outside the file, `.invalid` for a first
    ///   entry that does not fit.
    static func functions(
        _ file: ByteReader, offset: UInt64, size: UInt64, address: UInt64, is64Bit: Bool,
        limit: Int = ReadLimits.maxFunctions
    ) throws(BinaryFormatError) -> [FunctionRange] {
        guard let start = Int(exactly: offset), let length = Int(exactly: size) else {
            throw .pointsPastEnd(field: ".eh_frame offset", value: offset, fileSize: file.count)
        }
        let section = ByteReader(
            try file.slice(at: start, length: length, ".eh_frame"), littleEndian: file.littleEndian)
        var ranges = Set<FunctionRange>()
        var cies: [Int: CIE] = [:]
        var cursor = 0
        while cursor + 4 <= length, ranges.count < limit {
            var header = section
            header.offset = cursor
            var entryLength = UInt64(try header.readU32(".eh_frame length"))
            if entryLength == 0 { break }
            if entryLength == 0xFFFF_FFFF { entryLength = try header.readU64(".eh_frame extended length") }
            let bodyStart = header.offset
            guard entryLength <= UInt64(length - bodyStart), entryLength >= 4 else {
                if ranges.isEmpty {
                    throw .invalid(
                        ".eh_frame entry at \(hex(start + cursor)) has length \(hex(entryLength)) but \(hex(length - bodyStart)) bytes remain"
                    )
                }
                break
            }
            let body = Int(entryLength)
            let entry = ByteReader(
                try section.slice(at: bodyStart, length: body, ".eh_frame entry"), littleEndian: file.littleEndian)
            let fieldBase = address &+ UInt64(bodyStart)
            if let range = try? fde(
                entry, fieldBase: fieldBase, bodyStart: bodyStart, section: section, cies: &cies, is64Bit: is64Bit),
                range.size > 0
            {
                ranges.insert(range)
            }
            cursor = bodyStart + body
        }
        return ranges.sorted { ($0.start, $0.size) < ($1.start, $1.size) }
    }

    /// The range of the FDE whose body is `entry`; nil for a CIE or an FDE without a usable CIE.
    private static func fde(
        _ entry: ByteReader, fieldBase: UInt64, bodyStart: Int, section: ByteReader, cies: inout [Int: CIE],
        is64Bit: Bool
    ) throws(BinaryFormatError) -> FunctionRange? {
        var reader = entry
        let pointer = Int(try reader.readU32("CIE pointer"))
        guard pointer != 0, pointer <= bodyStart else { return nil }
        let cieOffset = bodyStart - pointer
        let cie: CIE
        if let known = cies[cieOffset] {
            cie = known
        } else {
            guard let parsed = try? Self.cie(section, at: cieOffset, is64Bit: is64Bit) else { return nil }
            cies[cieOffset] = parsed
            cie = parsed
        }
        let addressSize = is64Bit ? 8 : 4
        let begin = try DWARFPointer.read(
            &reader, encoding: cie.encoding, fieldAddress: fieldBase &+ UInt64(reader.offset), addressSize: addressSize)
        let range = try DWARFPointer.read(
            &reader, encoding: cie.encoding & 0x0F, fieldAddress: 0, addressSize: addressSize)
        return FunctionRange(start: begin, size: range)
    }

    /// Parses the CIE whose length field is at `offset` in `section`, for its `R` encoding.
    private static func cie(_ section: ByteReader, at offset: Int, is64Bit: Bool) throws(BinaryFormatError) -> CIE {
        var reader = section
        reader.offset = offset
        let length = Int(try reader.readU32("CIE length"))
        guard length >= 4 else { throw .invalid("CIE at \(hex(offset)) is too short") }
        var body = ByteReader(
            try section.slice(at: reader.offset, length: length, "CIE"), littleEndian: section.littleEndian)
        guard try body.readU32("CIE id") == 0 else { throw .invalid("entry at \(hex(offset)) is not a CIE") }
        let version = try body.readU8("CIE version")
        let augmentation = try body.cString(at: body.offset, maxLength: 16, "CIE augmentation")
        body.offset += augmentation.utf8.count + 1
        let addressSize = is64Bit ? 8 : 4
        if augmentation.contains("eh") { body.offset += addressSize }
        _ = try DWARFPointer.uleb(&body)  // code alignment
        _ = try DWARFPointer.uleb(&body)  // data alignment (sleb; only skipped)
        if version == 1 { _ = try body.readU8("return register") } else { _ = try DWARFPointer.uleb(&body) }
        var encoding: UInt8 = 0  // DW_EH_PE_absptr
        guard augmentation.hasPrefix("z") else { return CIE(encoding: encoding) }
        _ = try DWARFPointer.uleb(&body)
        for letter in augmentation.utf8.dropFirst() {
            switch letter {
            case UInt8(ascii: "R"): encoding = try body.readU8("FDE encoding")
            case UInt8(ascii: "L"): _ = try body.readU8("LSDA encoding")
            case UInt8(ascii: "P"):
                let personality = try body.readU8("personality encoding")
                _ = try DWARFPointer.read(
                    &body, encoding: personality & 0x0F, fieldAddress: 0, addressSize: addressSize)
            case UInt8(ascii: "S"), UInt8(ascii: "B"), UInt8(ascii: "G"): continue
            default: return CIE(encoding: encoding)
            }
        }
        return CIE(encoding: encoding)
    }
}
