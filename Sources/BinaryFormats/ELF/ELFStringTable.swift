/// A string table (`SHT_STRTAB`) as a bounded window of the file.
///
/// Offsets come from the file (`sh_name`, `st_name`, `d_val`), so each lookup checks that the
/// offset lies inside the table and that the string ends before the table does.
struct ELFStringTable {
    let reader: ByteReader
    let start: Int
    let size: Int

    /// The table at file range `offset..<offset+size`; nil when the range is outside the file.
    init?(reader: ByteReader, offset: UInt64, size: UInt64) {
        guard let start = Int(exactly: offset), let length = Int(exactly: size),
            reader.contains(offset: start, length: length)
        else { return nil }
        self.reader = reader
        self.start = start
        self.size = length
    }

    /// The NUL-terminated string at `offset` within the table, nil when it is out of range or
    /// runs past the table's end.
    func string(at offset: UInt64) -> String? {
        guard offset < UInt64(size) else { return nil }
        let local = Int(offset)
        let window = min(size - local, ReadLimits.maxStringLength)
        return try? reader.cString(at: start + local, maxLength: window, "string table entry")
    }
}
