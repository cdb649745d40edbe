/// The one way armready reads bytes from a scanned file: every read names its width and byte
/// order, is bounds-checked, and fails with the offset instead of trapping.
///
/// Reads are random-access (`u32(at:)`) or sequential through a cursor (`readU32()`); the cursor
/// advances only when a read succeeds. Multi-byte values are assembled byte by byte, so no read
/// depends on alignment or on the host's byte order.
package struct ByteReader {
    /// The bytes this reader may touch.
    package let bytes: UnsafeRawBufferPointer
    /// The cursor for sequential reads.
    package var offset: Int
    /// Whether multi-byte values are little-endian.
    package var littleEndian: Bool

    package init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0, littleEndian: Bool = true) {
        self.bytes = bytes
        self.offset = offset
        self.littleEndian = littleEndian
    }

    /// The number of bytes in the underlying buffer.
    package var count: Int { bytes.count }

    /// Whether `length` bytes starting at `offset` lie inside the buffer (overflow-safe).
    package func contains(offset: Int, length: Int) -> Bool {
        guard offset >= 0, length >= 0 else { return false }
        let (end, overflow) = offset.addingReportingOverflow(length)
        return !overflow && end <= bytes.count
    }

    /// Throws unless `length` bytes at `offset` are readable; `what` names the structure.
    package func require(offset: Int, length: Int, _ what: String) throws(BinaryFormatError) {
        guard contains(offset: offset, length: length) else {
            throw .truncated(what: what, offset: offset, length: length, fileSize: bytes.count)
        }
    }

    // MARK: Random access

    package func u8(at offset: Int, _ what: String = "byte") throws(BinaryFormatError) -> UInt8 {
        try require(offset: offset, length: 1, what)
        return bytes[offset]
    }

    package func u16(at offset: Int, _ what: String = "16-bit value") throws(BinaryFormatError) -> UInt16 {
        UInt16(truncatingIfNeeded: try unsigned(at: offset, width: 2, what))
    }

    package func u32(at offset: Int, _ what: String = "32-bit value") throws(BinaryFormatError) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(at: offset, width: 4, what))
    }

    package func u64(at offset: Int, _ what: String = "64-bit value") throws(BinaryFormatError) -> UInt64 {
        try unsigned(at: offset, width: 8, what)
    }

    /// A little- or big-endian unsigned value of `width` bytes (1...8).
    package func unsigned(at offset: Int, width: Int, _ what: String) throws(BinaryFormatError) -> UInt64 {
        try require(offset: offset, length: width, what)
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[offset + (littleEndian ? width - 1 - index : index)])
            value = (value << 8) | byte
        }
        return value
    }

    /// A sub-range of the buffer.
    package func slice(at offset: Int, length: Int, _ what: String) throws(BinaryFormatError) -> UnsafeRawBufferPointer
    {
        try require(offset: offset, length: length, what)
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }

    /// A NUL-terminated string of at most `maxLength` bytes, decoded as UTF-8 with repair.
    ///
    /// - Parameter endTerminates: the end of the buffer ends the string as a NUL would (a PE
    ///   image's bytes past the end of its file read as zero once mapped).
    /// - Throws: `.truncated` when `offset` is outside the buffer, `.unterminatedString` when no
    ///   NUL appears within `maxLength` bytes or (unless `endTerminates`) before the end of the
    ///   buffer.
    package func cString(
        at offset: Int, maxLength: Int = ReadLimits.maxStringLength, endTerminates: Bool = false, _ what: String
    ) throws(BinaryFormatError) -> String {
        try require(offset: offset, length: 1, what)
        let (wanted, overflow) = offset.addingReportingOverflow(maxLength)
        let limit = overflow ? bytes.count : min(bytes.count, wanted)
        var end = offset
        while end < limit, bytes[end] != 0 { end += 1 }
        let endedByBuffer = end == bytes.count && endTerminates && end - offset < maxLength
        guard end < limit || endedByBuffer else { throw .unterminatedString(what: what, offset: offset) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
    }

    /// `count` UTF-16LE code units at `offset`, decoded with repair.
    package func utf16String(at offset: Int, units: Int, _ what: String) throws(BinaryFormatError) -> String {
        let (length, overflow) = units.multipliedReportingOverflow(by: 2)
        guard !overflow else { throw .truncated(what: what, offset: offset, length: Int.max, fileSize: bytes.count) }
        try require(offset: offset, length: length, what)
        var codeUnits: [UInt16] = []
        codeUnits.reserveCapacity(units)
        for index in 0..<units {
            let low = UInt16(bytes[offset + 2 * index])
            let high = UInt16(bytes[offset + 2 * index + 1])
            codeUnits.append(low | (high << 8))
        }
        return String(decoding: codeUnits, as: UTF16.self)
    }

    // MARK: Cursor

    package mutating func readU8(_ what: String = "byte") throws(BinaryFormatError) -> UInt8 {
        let value = try u8(at: offset, what)
        offset += 1
        return value
    }

    package mutating func readU16(_ what: String = "16-bit value") throws(BinaryFormatError) -> UInt16 {
        let value = try u16(at: offset, what)
        offset += 2
        return value
    }

    package mutating func readU32(_ what: String = "32-bit value") throws(BinaryFormatError) -> UInt32 {
        let value = try u32(at: offset, what)
        offset += 4
        return value
    }

    package mutating func readU64(_ what: String = "64-bit value") throws(BinaryFormatError) -> UInt64 {
        let value = try u64(at: offset, what)
        offset += 8
        return value
    }
}
