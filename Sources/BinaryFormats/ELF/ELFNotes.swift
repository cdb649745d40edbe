/// What the GNU notes of an ELF file say: the build id and the program properties.
///
/// Notes are parsed from the raw bytes through `ByteReader` (not through libelf's note
/// translation), with the file's byte order. Layout per the gABI "Note Section" and the
/// x86-64 / AArch64 psABI "Program Property": a 12-byte header (`namesz`, `descsz`, `type`), the
/// name and the descriptor each padded to the note alignment (4, or 8 for `PT_GNU_PROPERTY`).
struct ELFNotes: Sendable, Equatable {
    var buildID: String?
    var x86ISANeeded: [String] = []
    var x86ISAUsed: [String] = []
    var x86Features: [String] = []
    var x86Features2Used: [String] = []
    var aarch64Features: [String] = []

    /// Bit names of `GNU_PROPERTY_X86_ISA_1_*` (windows-on-arm.md §8.3).
    static let isaLevels = ["x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"]
    /// Bit names of `GNU_PROPERTY_X86_FEATURE_1_AND`.
    static let x86Feature1 = ["ibt", "shstk", "lam_u48", "lam_u57"]
    /// Bit names of `GNU_PROPERTY_X86_FEATURE_2_USED`.
    static let x86Feature2 = [
        "x86", "x87", "mmx", "xmm", "ymm", "zmm", "fxsr", "xsave", "xsaveopt", "xsavec", "tmm", "mask",
    ]
    /// Bit names of `GNU_PROPERTY_AARCH64_FEATURE_1_AND`.
    static let aarch64Feature1 = ["bti", "pac", "gcs"]

    /// Reads the notes in the file range `offset..<offset+size`.
    ///
    /// - Parameters:
    ///   - alignment: the section's `sh_addralign` or segment's `p_align`; values other than 8
    ///     mean 4, as readelf does.
    /// - Throws: `.truncated` or `.invalid` for a note that does not fit; notes before it are kept.
    mutating func read(_ reader: ByteReader, offset: UInt64, size: UInt64, alignment: UInt64, is64Bit: Bool)
        throws(BinaryFormatError)
    {
        guard let start = Int(exactly: offset), let length = Int(exactly: size) else {
            throw .pointsPastEnd(field: "note offset", value: offset, fileSize: reader.count)
        }
        try reader.require(offset: start, length: length, "note area")
        let align = alignment == 8 ? 8 : 4
        let end = start + length
        var cursor = start
        var notes = 0
        while cursor + 12 <= end {
            notes += 1
            guard notes <= ReadLimits.maxELFNotes else {
                throw .countTooLarge(what: "ELF note", count: notes, limit: ReadLimits.maxELFNotes)
            }
            let nameSize = Int(try reader.u32(at: cursor, "note namesz"))
            let descSize = Int(try reader.u32(at: cursor + 4, "note descsz"))
            let type = try reader.u32(at: cursor + 8, "note type")
            let nameStart = cursor + 12
            guard let descStart = Self.align(nameStart + nameSize, to: align), descStart <= end,
                descSize <= end - descStart
            else {
                throw .invalid(
                    "note at \(hex(cursor)) (namesz \(hex(nameSize)), descsz \(hex(descSize))) runs past its note area ending at \(hex(end))"
                )
            }
            if nameSize == 4,
                try reader.u32(at: nameStart, "note name") == (reader.littleEndian ? 0x0055_4E47 : 0x474E_5500)
            {
                try readGNU(reader, type: type, at: descStart, size: descSize, is64Bit: is64Bit)
            }
            guard let next = Self.align(descStart + descSize, to: align) else { break }
            cursor = next
        }
    }

    /// One note named "GNU".
    private mutating func readGNU(_ reader: ByteReader, type: UInt32, at start: Int, size: Int, is64Bit: Bool)
        throws(BinaryFormatError)
    {
        switch type {
        case ELFConstant.ntGNUBuildID where size > 0 && size <= 64 && buildID == nil:
            let bytes = try reader.slice(at: start, length: size, "NT_GNU_BUILD_ID")
            buildID = bytes.map { byte in
                let digits = String(byte, radix: 16)
                return byte < 16 ? "0" + digits : digits
            }.joined()
        case ELFConstant.ntGNUPropertyType0:
            try readProperties(reader, at: start, size: size, is64Bit: is64Bit)
        default:
            break
        }
    }

    /// The `pr_type`/`pr_datasz`/`pr_data` array of an `NT_GNU_PROPERTY_TYPE_0` note, each entry
    /// padded to 8 bytes in ELF64 and 4 in ELF32.
    private mutating func readProperties(_ reader: ByteReader, at start: Int, size: Int, is64Bit: Bool)
        throws(BinaryFormatError)
    {
        let end = start + size
        var cursor = start
        while cursor + 8 <= end {
            let type = try reader.u32(at: cursor, "pr_type")
            let dataSize = Int(try reader.u32(at: cursor + 4, "pr_datasz"))
            guard dataSize <= end - cursor - 8 else {
                throw .invalid(
                    "GNU property at \(hex(cursor)) (pr_datasz \(hex(dataSize))) runs past its note ending at \(hex(end))"
                )
            }
            if dataSize == 4 {
                let bits = try reader.u32(at: cursor + 8, "pr_data")
                switch type {
                case ELFConstant.gnuPropertyX86ISA1Needed: x86ISANeeded = Self.names(bits, Self.isaLevels)
                case ELFConstant.gnuPropertyX86ISA1Used: x86ISAUsed = Self.names(bits, Self.isaLevels)
                case ELFConstant.gnuPropertyX86Feature1And: x86Features = Self.names(bits, Self.x86Feature1)
                case ELFConstant.gnuPropertyX86Feature2Used: x86Features2Used = Self.names(bits, Self.x86Feature2)
                case ELFConstant.gnuPropertyAArch64Feature1And: aarch64Features = Self.names(bits, Self.aarch64Feature1)
                default: break
                }
            }
            guard let next = Self.align(cursor + 8 + dataSize, to: is64Bit ? 8 : 4) else { break }
            cursor = next
        }
    }

    /// The names of the set bits of `bits`, in bit order; unnamed bits as `bit<n>`.
    static func names(_ bits: UInt32, _ table: [String]) -> [String] {
        (0..<32).compactMap { bit in
            guard bits & (1 << UInt32(bit)) != 0 else { return nil }
            return bit < table.count ? table[bit] : "bit\(bit)"
        }
    }

    /// `value` rounded up to a multiple of `alignment` (a power of two), nil on overflow.
    static func align(_ value: Int, to alignment: Int) -> Int? {
        let (sum, overflow) = value.addingReportingOverflow(alignment - 1)
        return overflow ? nil : sum & ~(alignment - 1)
    }
}
