/// DWARF exception-header pointer encodings (`DW_EH_PE_*`, LSB "DWARF Extensions").
enum DWARFPointer {
    /// Reads a pointer encoded as `encoding` (`DW_EH_PE_*`).
    ///
    /// The low nibble is the format; `0x10` adds the field's own address (pcrel). Text-, data-
    /// and function-relative bases are not known here, so those values are returned unadjusted.
    static func read(_ reader: inout ByteReader, encoding: UInt8, fieldAddress: UInt64, addressSize: Int)
        throws(BinaryFormatError) -> UInt64
    {
        let value: UInt64
        switch encoding & 0x0F {
        case 0x00:
            value = try reader.unsigned(at: reader.offset, width: addressSize, "absptr"); reader.offset += addressSize
        case 0x01: value = try uleb(&reader)
        case 0x02: value = UInt64(try reader.readU16("udata2"))
        case 0x03: value = UInt64(try reader.readU32("udata4"))
        case 0x04: value = try reader.readU64("udata8")
        case 0x09: value = try sleb(&reader)
        case 0x0A: value = UInt64(bitPattern: Int64(Int16(bitPattern: try reader.readU16("sdata2"))))
        case 0x0B: value = UInt64(bitPattern: Int64(Int32(bitPattern: try reader.readU32("sdata4"))))
        case 0x0C: value = try reader.readU64("sdata8")
        default: throw .invalid("unsupported DWARF pointer encoding \(hex(encoding))")
        }
        return encoding & 0x70 == 0x10 ? fieldAddress &+ value : value
    }

    /// An unsigned LEB128 of at most 10 bytes.
    static func uleb(_ reader: inout ByteReader) throws(BinaryFormatError) -> UInt64 {
        var result: UInt64 = 0
        for index in 0..<10 {
            let byte = try reader.readU8("ULEB128")
            result |= UInt64(byte & 0x7F) << UInt64(7 * index)
            if byte & 0x80 == 0 { return result }
        }
        throw .invalid("ULEB128 at \(hex(reader.offset)) is longer than 10 bytes")
    }

    /// A signed LEB128 of at most 10 bytes, as its two's-complement bit pattern.
    static func sleb(_ reader: inout ByteReader) throws(BinaryFormatError) -> UInt64 {
        var result: UInt64 = 0
        for index in 0..<10 {
            let byte = try reader.readU8("SLEB128")
            let shift = UInt64(7 * index)
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                if byte & 0x40 != 0, shift + 7 < 64 { result |= ~0 << (shift + 7) }
                return result
            }
        }
        throw .invalid("SLEB128 at \(hex(reader.offset)) is longer than 10 bytes")
    }
}
