/// NSIS: the firstheader the stub finds in 512-byte steps (installers.md §4, NSIS
/// `exehead/fileform.h`, 7-Zip `NsisIn.cpp` for the compression guess).
enum NSISFirstHeader {
    static let signature: [UInt8] = [0xEF, 0xBE, 0xAD, 0xDE] + Array("NullsoftInst".utf8)
    /// How far past the overlay start the scan goes.
    static let window = 8 << 20

    static func detect(_ layout: InstallerLayout) -> InstallerEngine? {
        guard let overlay = layout.overlay else { return nil }
        let reader = layout.reader
        var at = overlay.lowerBound
        let end = min(overlay.upperBound, overlay.lowerBound &+ window)
        while at < end {
            if let engine = read(reader, at: at) { return engine }
            at += 512
        }
        return nil
    }

    private static func read(_ reader: ByteReader, at start: Int) -> InstallerEngine? {
        guard ByteSearch.matches(signature, in: reader.bytes, at: start + 4),
            let flags = try? reader.u32(at: start), flags & ~0xF == 0,
            let headerLength = try? reader.u32(at: start + 20), let total = try? reader.u32(at: start + 24)
        else { return nil }
        var engine = InstallerEngine(
            name: .nsis, payload: InstallerEngine.Payload(offset: start, length: Int(total), format: .nsis))
        let names = [(1, "uninstaller"), (2, "silent"), (4, "no-CRC"), (8, "force-CRC")]
        let set = names.filter { flags & UInt32($0.0) != 0 }.map(\.1)
        if !set.isEmpty { engine.notes.append("firstheader flags: " + set.joined(separator: ", ")) }
        engine.notes.append("header length \(headerLength)")
        if UInt64(start) + UInt64(total) > UInt64(reader.count) {
            engine.notes.append("the data runs past the end of the file (length \(total))")
        }
        engine.notes.append("compression: " + compression(reader, at: start + 28, headerLength: headerLength))
        engine.notes.append("Unicode and 64-bit are not read: the header is compressed; read the stub's PE Machine")
        return engine
    }

    /// The method and solidity 7-Zip infers from the bytes after the firstheader: LZMA first
    /// (an 8 MiB dictionary puts 0x80 at byte 3, like the non-solid flag), then bzip2, else deflate.
    static func compression(_ reader: ByteReader, at offset: Int, headerLength: UInt32) -> String {
        let sig = (0..<12).map { (try? reader.u8(at: offset + $0)) ?? 0xFF }
        func isLZMA(_ at: Int) -> Bool {
            sig[at] == 0x5D && sig[at + 1] == 0 && sig[at + 2] == 0
                || (sig[at] <= 1 && sig[at + 1] == 0x5D && sig[at + 2] == 0 && sig[at + 3] == 0)
        }
        func isBZip2(_ at: Int) -> Bool { sig[at] == 0x31 && sig[at + 1] < 14 }
        let first = UInt32(sig[0]) | UInt32(sig[1]) << 8 | UInt32(sig[2]) << 16 | UInt32(sig[3]) << 24
        if first == headerLength { return "none, non-solid" }
        if isLZMA(0) { return "lzma, solid" }
        if isLZMA(4) { return "lzma, non-solid" }
        if sig[3] & 0x80 != 0 { return isBZip2(4) ? "bzip2, non-solid" : "deflate, non-solid" }
        if isBZip2(0) { return "bzip2, solid" }
        return "deflate, solid"
    }
}
