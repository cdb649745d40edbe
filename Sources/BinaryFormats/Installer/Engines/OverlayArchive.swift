/// InstallShield's overlay header and archives appended to a PE (installers.md §8).
enum OverlayArchive {
    /// 7-Zip searches this far for an SFX's archive.
    static let window = 8 << 20
    static let sevenZip: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]
    static let cabinet: [UInt8] = Array("MSCF".utf8) + [0, 0, 0, 0]
    static let zipLocal: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let zipEnd: [UInt8] = [0x50, 0x4B, 0x05, 0x06]

    static func installShield(_ layout: InstallerLayout) -> InstallerEngine? {
        guard let overlay = layout.overlay else { return nil }
        let bytes = layout.reader.bytes
        let generation: String
        if ByteSearch.matches(Array("InstallShield\0".utf8), in: bytes, at: overlay.lowerBound) {
            generation = "2014 or older (InstallShield header)"
        } else if ByteSearch.matches(Array("ISSetupStream\0".utf8), in: bytes, at: overlay.lowerBound) {
            generation = "2015 or newer (ISSetupStream header)"
        } else {
            return nil
        }
        var engine = InstallerEngine(
            name: .installShield, version: generation,
            payload: InstallerEngine.Payload(offset: overlay.lowerBound, length: overlay.count, format: .unknown))
        if let files = try? layout.reader.u16(at: overlay.lowerBound + 14) {
            engine.notes.append("\(files) files; the entries are XOR-obfuscated and were not read")
        }
        return engine
    }

    static func archive(_ layout: InstallerLayout) -> InstallerEngine? {
        guard let overlay = layout.overlay else { return nil }
        let reader = layout.reader
        let search = overlay.lowerBound..<min(overlay.upperBound, overlay.lowerBound &+ window)
        let seven = ByteSearch.firstIndex(of: sevenZip, in: reader.bytes, range: search)
        let cab = ByteSearch.firstIndex(of: cabinet, in: reader.bytes, range: search)
        let zip = zipStart(reader, overlay: overlay, search: search)
        let found = [
            seven.map { ($0, InstallerEngine.Name.sevenZipSFX) }, cab.map { ($0, .cabSFX) }, zip.map { ($0, .zipSFX) },
        ]
        .compactMap { $0 }.min { $0.0 < $1.0 }
        guard let (offset, name) = found else { return nil }
        switch name {
        case .sevenZipSFX:
            // The start header: next-header offset and size (u64 at 12 and 20) after 32 bytes.
            var length: Int?
            if let next = try? reader.u64(at: offset + 12), let size = try? reader.u64(at: offset + 20) {
                let total = next.addingReportingOverflow(size).partialValue &+ 32
                if next < UInt64(Int.max / 2), size < UInt64(Int.max / 2), total <= UInt64(overlay.upperBound - offset)
                {
                    length = Int(total)
                }
            }
            return InstallerEngine(name: name, payload: .init(offset: offset, length: length, format: .sevenZip))
        case .cabSFX:
            let size = (try? reader.u32(at: offset + 8)).map(Int.init)
            return InstallerEngine(name: name, payload: .init(offset: offset, length: size, format: .cab))
        default:
            let length = zipEnd(reader, overlay: overlay).map { $0 - offset }
            return InstallerEngine(name: name, payload: .init(offset: offset, length: length, format: .zip))
        }
    }

    /// A ZIP counts only with an end record in the file's last 64 KiB + 22 and a local header
    /// in the overlay; the payload starts at the first local header.
    private static func zipStart(_ reader: ByteReader, overlay: Range<Int>, search: Range<Int>) -> Int? {
        guard zipEnd(reader, overlay: overlay) != nil else { return nil }
        return ByteSearch.firstIndex(of: zipLocal, in: reader.bytes, range: search)
    }

    /// The end of the end-of-central-directory record (with its comment), nil without one.
    private static func zipEnd(_ reader: ByteReader, overlay: Range<Int>) -> Int? {
        let lower = max(overlay.lowerBound, overlay.upperBound - (65_535 + 22))
        guard let at = ByteSearch.lastIndex(of: zipEnd, in: reader.bytes, range: lower..<overlay.upperBound),
            let comment = try? reader.u16(at: at + 20)
        else { return nil }
        return min(at + 22 + Int(comment), overlay.upperBound)
    }
}
