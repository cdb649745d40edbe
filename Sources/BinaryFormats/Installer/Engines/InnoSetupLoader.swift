/// Inno Setup: the loader's offset table in RCDATA 11111, or `Inno` at 0x30 before 5.1.5
/// (installers.md §5, innoextract `loader/offsets.cpp`).
enum InnoSetupLoader {
    static let modernID: [UInt8] = Array("rDlPtS".utf8) + [0xCD, 0xE6, 0xD7, 0x7B, 0x0B, 0x2A]
    static let olderIDs: [[UInt8]] =
        (2...7).map { Array("rDlPtS0\($0)".utf8) + [0x87, 0x65, 0x56, 0x78] }
        + [Array("nS5W7dT".utf8) + [0x83, 0xAA, 0x1B, 0x0F, 0x6A]]
    static let unreadArchitectures =
        "ArchitecturesAllowed and ArchitecturesInstallIn64BitMode were not read: the setup header is compressed (LZMA from 4.1.6, zlib before); innoextract --list lists the files"

    static func detect(_ layout: InstallerLayout) -> InstallerEngine? {
        let reader = layout.reader
        if let data = layout.resource(type: .id(10), id: 11111),
            let table = try? reader.slice(at: data.offset, length: min(data.size, 64), "Inno offset table")
        {
            let tableReader = ByteReader(table)
            if ByteSearch.matches(modernID, in: table, at: 0) {
                return modern(tableReader, layout: layout)
            }
            if olderIDs.contains(where: { ByteSearch.matches($0, in: table, at: 0) }) {
                return InstallerEngine(
                    name: .innoSetup,
                    notes: ["an offset table ID from before 5.1.5: Offset0 was not read", unreadArchitectures])
            }
        }
        if (try? reader.u32(at: 0x30)) == 0x6F6E_6E49, let offset = try? reader.u32(at: 0x34),
            (try? reader.u32(at: 0x38)) == ~offset
        {
            return InstallerEngine(
                name: .innoSetup,
                notes: [
                    "the loader table at \(hex(offset)) (Inno at 0x30, before 5.1.5) was not read", unreadArchitectures,
                ])
        }
        return nil
    }

    private static func modern(_ table: ByteReader, layout: InstallerLayout) -> InstallerEngine {
        var engine = InstallerEngine(name: .innoSetup)
        let tableVersion = (try? table.u32(at: 12)) ?? 0
        // v1: seven u32 (TotalSize, OffsetEXE, UncompressedSizeEXE, CRCEXE, Offset0, Offset1,
        // CRC); v2 (6.5.0+) widens the offsets to Int64.
        let offset0: UInt64?
        switch tableVersion {
        case 1: offset0 = (try? table.u32(at: 32)).map(UInt64.init)
        case 2:
            offset0 = try? table.u64(at: 44)
            engine.notes.append(
                "offset table version 2 (6.5.0+): Offset0 read as an Int64 after three Int64 fields and a CRC")
        default:
            offset0 = nil
            engine.notes.append("offset table version \(tableVersion) is unknown: Offset0 was not read")
        }
        if let offset0, offset0 < UInt64(layout.reader.count) {
            let at = Int(offset0)
            engine.payload = InstallerEngine.Payload(offset: at, length: nil, format: .inno)
            if let version = setupDataVersion(layout.reader, at: at) {
                engine.version = version
                let parts = version.split(separator: " ")[0].split(separator: ".").compactMap { Int($0) }
                if parts.count >= 2, (parts[0], parts[1]) >= (6, 3) {
                    engine.notes.append(
                        "Inno Setup 6.3+ stores ArchitecturesAllowed as an expression string in the compressed setup header"
                    )
                }
            } else {
                engine.notes.append("no setup-data ID at Offset0 \(hex(at))")
            }
        } else if offset0 != nil {
            engine.notes.append("Offset0 lies past the end of the file")
        }
        engine.notes.append(unreadArchitectures)
        return engine
    }

    /// `6.2.0 (u)` from the 64-byte ID `Inno Setup Setup Data (6.2.0) (u)`.
    static func setupDataVersion(_ reader: ByteReader, at offset: Int) -> String? {
        guard let raw = try? reader.slice(at: offset, length: 64, "setup-data ID") else { return nil }
        let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        for prefix in ["Inno Setup Setup Data (", "My Inno Setup Extensions Setup Data ("] where text.hasPrefix(prefix)
        {
            let rest = text.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[..<close]) + String(rest[rest.index(after: close)...])
        }
        return nil
    }
}
