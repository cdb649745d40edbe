/// The MSI string pool (Wine/msitools string.c): `!_StringPool` is a u32 header (code page;
/// 0x8000 in its high half means 3-byte string references) then a (u16 length, u16 refcount)
/// pair per string id from 1; a zero length with a non-zero refcount means the next pair holds
/// the length's low and high halves (strings of 64 KiB or more). The strings are concatenated
/// in `!_StringData`, in the code page.
struct MSIStringPool: Sendable {
    /// Index = string id; id 0 is the NULL string.
    let strings: [String?]
    /// 2 or 3.
    let referenceWidth: Int
    let codepage: Int

    static let maxStrings = 1 << 20

    init(pool: [UInt8], data: [UInt8]) throws(BinaryFormatError) {
        func u16(_ index: Int) -> Int { Int(pool[index]) | Int(pool[index + 1]) << 8 }
        guard pool.count >= 4 else {
            strings = [nil]
            referenceWidth = 2
            codepage = 0
            return
        }
        referenceWidth = u16(2) & 0x8000 != 0 ? 3 : 2
        codepage = u16(0) | (u16(2) & 0x7FFF) << 16
        let pairs = pool.count / 4
        guard pairs <= Self.maxStrings else {
            throw .countTooLarge(what: "MSI string pool entry", count: pairs, limit: Self.maxStrings)
        }
        var strings: [String?] = [nil]
        strings.reserveCapacity(pairs)
        var offset = 0
        var pair = 1
        while pair < pairs {
            var length = u16(pair * 4)
            let refs = u16(pair * 4 + 2)
            if length == 0 && refs == 0 {
                strings.append(nil)
                pair += 1
                continue
            }
            if length == 0 {
                guard pair + 1 < pairs else { throw .invalid("the MSI string pool ends inside a long string entry") }
                length = u16(pair * 4 + 4) | u16(pair * 4 + 6) << 16
                pair += 2
            } else {
                pair += 1
            }
            guard length <= data.count - offset else {
                throw .invalid("MSI string \(strings.count) runs past the end of _StringData (\(data.count) bytes)")
            }
            strings.append(Self.decode(data[offset..<(offset + length)], codepage: codepage))
            offset += length
        }
        self.strings = strings
    }

    func string(_ id: Int) -> String? { id >= 0 && id < strings.count ? strings[id] : nil }

    /// UTF-8 for code page 65001 or text that is valid UTF-8; Windows-1252 otherwise.
    private static func decode(_ bytes: ArraySlice<UInt8>, codepage: Int) -> String {
        if codepage == 65001 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte >= 0x80 && byte < 0xA0 ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
            out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(out)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]
}
