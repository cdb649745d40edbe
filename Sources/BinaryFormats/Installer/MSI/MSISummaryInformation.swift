/// The `\u{5}SummaryInformation` property set (MS-OLEPS): a 28-byte header, the section count at
/// 0x18, the first section's FMTID and offset at 0x1C/0x2C; a section is (size, count, then
/// (PID, offset) pairs relative to the section). Strings are VT_LPSTR (0x1E: u32 length with the
/// NUL, then bytes), integers VT_I2 (2) or VT_I4 (3).
package struct MSISummaryInformation: Sendable, Equatable {
    package var title: String?
    package var subject: String?
    package var author: String?
    package var template: String?
    package var pageCount: Int?
    package var wordCount: Int?

    package static let maxProperties = 256

    init(_ stream: [UInt8]) throws(BinaryFormatError) {
        try stream.withByteReader { (reader: ByteReader) throws(BinaryFormatError) in
            guard try reader.u16(at: 0, "summary information byte order") == 0xFFFE else {
                throw .invalid("the summary information has no FFFE byte order mark")
            }
            let section = Int(try reader.u32(at: 0x2C, "summary information section offset"))
            let count = Int(try reader.u32(at: section + 4, "summary information property count"))
            guard count <= Self.maxProperties else {
                throw .countTooLarge(what: "summary information property", count: count, limit: Self.maxProperties)
            }
            for index in 0..<count {
                let pid = try reader.u32(at: section + 8 + 8 * index, "property id")
                let at = section + Int(try reader.u32(at: section + 12 + 8 * index, "property offset"))
                let type = try reader.u32(at: at, "property type")
                var text: String?
                var number: Int?
                switch type {
                case 0x1E:
                    let length = Int(try reader.u32(at: at + 4, "string property length"))
                    guard length <= ReadLimits.maxStringLength else {
                        throw .countTooLarge(
                            what: "summary string byte", count: length, limit: ReadLimits.maxStringLength)
                    }
                    let body = try reader.slice(at: at + 8, length: length, "string property")
                    text = String(decoding: body.prefix { $0 != 0 }, as: UTF8.self)
                case 0x02: number = Int(Int16(bitPattern: try reader.u16(at: at + 4, "I2 property")))
                case 0x03: number = Int(Int32(bitPattern: try reader.u32(at: at + 4, "I4 property")))
                default: continue
                }
                switch pid {
                case 2: title = text
                case 3: subject = text
                case 4: author = text
                case 7: template = text
                case 14: pageCount = number
                case 15: wordCount = number
                default: break
                }
            }
        }
    }
}
