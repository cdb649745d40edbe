import Foundation

@testable import BinaryFormats

/// Builds small ELF64 images byte by byte, laid out from the gABI, so malformed-input tests can
/// start from a valid file and break one field at a time.
///
/// Layout of `ELFImageBuilder.minimal()` (file offsets; virtual address = 0x400000 + offset):
/// ```
/// 0x000 ELF header          0x040 PT_INTERP, PT_NOTE, PT_LOAD, PT_DYNAMIC
/// 0x120 "/lib/ld-test.so"   0x130 NT_GNU_BUILD_ID      0x150 .text (16 × ret)
/// 0x160 .eh_frame           0x1a0 .dynstr              0x1c0 .dynamic (NEEDED, SONAME)
/// 0x210 .shstrtab           0x260 section headers (9)  0x4a0 end
/// ```
struct ELFImageBuilder {
    var bytes: [UInt8]
    var bigEndian: Bool

    static let base: UInt64 = 0x40_0000
    static let interpOffset = 0x120
    static let noteOffset = 0x130
    static let textOffset = 0x150
    static let ehFrameOffset = 0x160
    static let dynstrOffset = 0x1A0
    static let dynamicOffset = 0x1C0
    static let shstrtabOffset = 0x210
    static let sectionHeaderOffset = 0x260
    static let sectionCount = 9
    static let interpreter = "/lib/ld-test.so"
    static let needed = "libtest.so.1"
    static let soname = "libself.so"
    static let buildID: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x11, 0x22, 0x33]
    static let sectionNames = [
        "", ".interp", ".note.gnu.build-id", ".text", ".eh_frame", ".dynstr", ".dynamic", ".bss", ".shstrtab",
    ]

    init(count: Int, bigEndian: Bool) {
        bytes = [UInt8](repeating: 0, count: count)
        self.bigEndian = bigEndian
    }

    mutating func put(_ value: UInt64, at offset: Int, width: Int) {
        for index in 0..<width {
            let shift = UInt64(8 * (bigEndian ? width - 1 - index : index))
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    mutating func put16(_ value: UInt64, at offset: Int) { put(value, at: offset, width: 2) }
    mutating func put32(_ value: UInt64, at offset: Int) { put(value, at: offset, width: 4) }
    mutating func put64(_ value: UInt64, at offset: Int) { put(value, at: offset, width: 8) }

    mutating func putBytes(_ data: [UInt8], at offset: Int) {
        bytes.replaceSubrange(offset..<(offset + data.count), with: data)
    }

    /// A valid ELF64 `ET_DYN` with an interpreter, a build id, one executable section, an
    /// `.eh_frame` holding one FDE for `.text`, a `.dynamic` naming one needed library and a
    /// soname, and no symbol tables.
    static func minimal(bigEndian: Bool = false, machine: UInt64 = 62) -> ELFImageBuilder {
        let size = sectionHeaderOffset + sectionCount * 64
        var b = ELFImageBuilder(count: size, bigEndian: bigEndian)
        b.putBytes([0x7F, 0x45, 0x4C, 0x46, 2, bigEndian ? 2 : 1, 1, 0], at: 0)
        b.put16(3, at: 16)  // ET_DYN
        b.put16(machine, at: 18)
        b.put32(1, at: 20)
        b.put64(base + UInt64(textOffset), at: 24)  // e_entry
        b.put64(0x40, at: 32)  // e_phoff
        b.put64(UInt64(sectionHeaderOffset), at: 40)
        b.put16(64, at: 52)
        b.put16(56, at: 54)
        b.put16(4, at: 56)  // e_phnum
        b.put16(64, at: 58)
        b.put16(UInt64(sectionCount), at: 60)
        b.put16(8, at: 62)  // e_shstrndx
        b.segment(0, type: 3, offset: interpOffset, size: interpreter.utf8.count + 1, align: 1)  // PT_INTERP
        b.segment(1, type: 4, offset: noteOffset, size: 24, align: 4)  // PT_NOTE
        b.segment(2, type: 1, offset: 0, size: size, align: 0x1000)  // PT_LOAD
        b.segment(3, type: 2, offset: dynamicOffset, size: 0x50, align: 8)  // PT_DYNAMIC
        b.putBytes(Array(interpreter.utf8) + [0], at: interpOffset)
        // Build-id note: namesz 4, descsz 8, NT_GNU_BUILD_ID, "GNU\0", id.
        b.put32(4, at: noteOffset)
        b.put32(UInt64(buildID.count), at: noteOffset + 4)
        b.put32(3, at: noteOffset + 8)
        b.putBytes(Array("GNU".utf8) + [0] + buildID, at: noteOffset + 12)
        b.putBytes([UInt8](repeating: 0xC3, count: 16), at: textOffset)
        b.writeEHFrame()
        let dynstr = "\0\(needed)\0\(soname)\0"
        b.putBytes(Array(dynstr.utf8), at: dynstrOffset)
        // DT_NEEDED, DT_SONAME, DT_STRTAB, DT_STRSZ, DT_NULL.
        let entries: [(UInt64, UInt64)] = [
            (1, 1), (14, UInt64(needed.utf8.count + 2)), (5, base + UInt64(dynstrOffset)),
            (10, UInt64(dynstr.utf8.count)), (0, 0),
        ]
        for (index, entry) in entries.enumerated() {
            b.put64(entry.0, at: dynamicOffset + 16 * index)
            b.put64(entry.1, at: dynamicOffset + 16 * index + 8)
        }
        let names = sectionNames.dropFirst().joined(separator: "\0")
        let table = "\0" + names + "\0"
        b.putBytes(Array(table.utf8), at: shstrtabOffset)
        func nameOffset(_ index: Int) -> UInt64 {
            UInt64(sectionNames[1..<index].reduce(1) { $0 + $1.utf8.count + 1 })
        }
        // index: type, flags, offset, size, align
        b.section(
            1, name: nameOffset(1), type: 1, flags: 2, offset: interpOffset, size: interpreter.utf8.count + 1, align: 1)
        b.section(2, name: nameOffset(2), type: 7, flags: 2, offset: noteOffset, size: 24, align: 4)
        b.section(3, name: nameOffset(3), type: 1, flags: 6, offset: textOffset, size: 16, align: 16)
        b.section(4, name: nameOffset(4), type: 1, flags: 2, offset: ehFrameOffset, size: 0x40, align: 8)
        b.section(5, name: nameOffset(5), type: 3, flags: 2, offset: dynstrOffset, size: dynstr.utf8.count, align: 1)
        b.section(
            6, name: nameOffset(6), type: 6, flags: 3, offset: dynamicOffset, size: 0x50, align: 8, link: 5,
            entrySize: 16)
        // .bss, NOBITS
        b.section(7, name: nameOffset(7), type: 8, flags: 3, offset: shstrtabOffset, size: 0x100, align: 8)
        b.section(8, name: nameOffset(8), type: 3, flags: 0, offset: shstrtabOffset, size: table.utf8.count, align: 1)
        return b
    }

    /// CIE "zR" with FDE encoding pcrel|sdata4 (0x1b), one FDE covering `.text`, terminator.
    mutating func writeEHFrame() {
        let o = Self.ehFrameOffset
        put32(0x14, at: o)  // CIE length
        put32(0, at: o + 4)  // CIE id
        putBytes([1, 0x7A, 0x52, 0, 1, 0x78, 16, 1, 0x1B], at: o + 8)  // version, "zR", caf, daf, ra, auglen, enc
        let fde = o + 0x18
        put32(0x14, at: fde)  // FDE length
        put32(UInt64(fde + 4 - o), at: fde + 4)  // CIE pointer (back to o)
        let field = Self.base + UInt64(fde + 8)
        let target = Self.base + UInt64(Self.textOffset)
        put32(UInt64(UInt32(truncatingIfNeeded: Int64(target) - Int64(field))), at: fde + 8)  // pc_begin
        put32(16, at: fde + 12)  // pc_range
        // fde + 16: augmentation length 0 and padding; terminator at o + 0x30.
    }

    mutating func segment(_ index: Int, type: UInt64, offset: Int, size: Int, align: UInt64) {
        let at = 0x40 + index * 56
        put32(type, at: at)
        put32(4, at: at + 4)
        put64(UInt64(offset), at: at + 8)
        put64(Self.base + UInt64(offset), at: at + 16)
        put64(Self.base + UInt64(offset), at: at + 24)
        put64(UInt64(size), at: at + 32)
        put64(UInt64(size), at: at + 40)
        put64(align, at: at + 48)
    }

    mutating func section(
        _ index: Int, name: UInt64, type: UInt64, flags: UInt64, offset: Int, size: Int, align: UInt64,
        link: UInt64 = 0,
        entrySize: UInt64 = 0
    ) {
        let at = Self.sectionHeaderOffset + index * 64
        put32(name, at: at)
        put32(type, at: at + 4)
        put64(flags, at: at + 8)
        put64(flags & 2 != 0 ? Self.base + UInt64(offset) : 0, at: at + 16)
        put64(UInt64(offset), at: at + 24)
        put64(UInt64(size), at: at + 32)
        put32(link, at: at + 40)
        put64(align, at: at + 48)
        put64(entrySize, at: at + 56)
    }
}

/// Runs the ELF reader over `bytes` (copied into a private mutable buffer, as libelf's
/// prototype wants) and returns the image or the error sentence.
func readELF(_ bytes: [UInt8]) -> Result<BinaryImage, BinaryFormatError> {
    var copy = bytes
    return copy.withUnsafeMutableBytes { buffer in
        Result { () throws(BinaryFormatError) in try ELFReader.read(UnsafeRawBufferPointer(buffer)) }
    }
}

/// The error sentence of a failed read, nil when the read succeeded.
func elfError(_ bytes: [UInt8]) -> String? {
    if case .failure(let error) = readELF(bytes) { return error.description }
    return nil
}

/// The repository root, found from this file's path.
let elfRepositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `tool` with `arguments` and returns its standard output (standard error is dropped).
func runTool(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// The FDE ranges `readelf --debug-dump=frames` lists (`pc=start..end`), without empty ones,
/// deduplicated and sorted: the independent answer for `.eh_frame` parsing.
func readelfFDERanges(_ path: String) throws -> [FunctionRange] {
    let output = try runTool("/usr/bin/readelf", ["--debug-dump=frames", "-W", path])
    var ranges = Set<FunctionRange>()
    for line in output.split(separator: "\n") where line.contains(" FDE ") {
        guard let pc = line.split(separator: " ").first(where: { $0.hasPrefix("pc=") }) else { continue }
        let bounds = pc.dropFirst(3).split(separator: ".", omittingEmptySubsequences: true)
        guard bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16),
            end > start
        else { continue }
        ranges.insert(FunctionRange(start: start, size: end - start))
    }
    return ranges.sorted { ($0.start, $0.size) < ($1.start, $1.size) }
}

/// The reader's answer for the file at `path`, or the failure as a test error.
func readELFFile(_ path: String) throws -> BinaryImage {
    switch BinaryReader.read(path: path) {
    case .image(let image): return image
    case .notBinary: throw ELFTestFailure("\(path): not a binary")
    case .failed(_, let reason): throw ELFTestFailure("\(path): \(reason)")
    }
}

struct ELFTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
