/// Builds small PE32+ images byte by byte, laid out as the PE specification says, so tests can
/// break one field at a time. Default layout: DOS header with e_lfanew 0x40, `PE\0\0`, COFF
/// header, a 0xF0-byte PE32+ optional header with 16 directories, one section `.text` at RVA
/// 0x1000 whose raw data is at 0x200 (0x200 bytes).
struct PETestImage {
    var bytes: [UInt8]

    static let peOffset = 0x40
    static let fileHeader = peOffset + 4
    static let optionalHeader = fileHeader + 20
    static let directories = optionalHeader + 112
    static let sectionTable = optionalHeader + 0xF0
    static let textRaw = 0x200
    static let textRVA: UInt32 = 0x1000

    init(machine: UInt16 = 0x8664) {
        bytes = [UInt8](repeating: 0, count: 0x400)
        put16(0, 0x5A4D)
        put16(0x18, 0x40)
        put32(0x3C, UInt32(Self.peOffset))
        put32(Self.peOffset, 0x4550)
        put16(Self.fileHeader, machine)
        put16(Self.fileHeader + 2, 1)
        put16(Self.fileHeader + 16, 0xF0)
        put16(Self.fileHeader + 18, 0x0022)
        put16(Self.optionalHeader, 0x20B)
        put32(Self.optionalHeader + 16, Self.textRVA)
        put64(Self.optionalHeader + 24, 0x1_4000_0000)
        put32(Self.optionalHeader + 32, 0x1000)
        put32(Self.optionalHeader + 36, 0x200)
        put32(Self.optionalHeader + 56, 0x2000)
        put32(Self.optionalHeader + 60, 0x200)
        put16(Self.optionalHeader + 68, 3)
        put32(Self.optionalHeader + 108, 16)
        let section = Self.sectionTable
        for (index, byte) in Array(".text".utf8).enumerated() { bytes[section + index] = byte }
        put32(section + 8, 0x200)
        put32(section + 12, Self.textRVA)
        put32(section + 16, 0x200)
        put32(section + 20, UInt32(Self.textRaw))
        put32(section + 36, 0x6000_0020)
    }

    mutating func put16(_ offset: Int, _ value: UInt16) { put(offset, UInt64(value), 2) }
    mutating func put32(_ offset: Int, _ value: UInt32) { put(offset, UInt64(value), 4) }
    mutating func put64(_ offset: Int, _ value: UInt64) { put(offset, value, 8) }

    mutating func put(_ offset: Int, _ value: UInt64, _ width: Int) {
        if bytes.count < offset + width { bytes += [UInt8](repeating: 0, count: offset + width - bytes.count) }
        for index in 0..<width { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    mutating func putString(_ offset: Int, _ text: String) {
        for (index, byte) in Array(text.utf8).enumerated() { put(offset + index, UInt64(byte), 1) }
        put(offset + text.utf8.count, 0, 1)
    }

    /// Points data directory `index` at `rva` / `size`.
    mutating func setDirectory(_ index: Int, rva: UInt32, size: UInt32) {
        put32(Self.directories + index * 8, rva)
        put32(Self.directories + index * 8 + 4, size)
    }

    /// The file offset of `rva` inside `.text`.
    static func textOffset(_ rva: UInt32) -> Int { textRaw + Int(rva - textRVA) }
}
