/// Squirrel.Windows (a ZIP in resource `DATA`/131) and Velopack (a nupkg appended, located by
/// an i64 offset and length before a 32-byte signature in the stub): installers.md §7.
enum SquirrelVelopack {
    static let velopackSignature: [UInt8] = [
        0x94, 0xF0, 0xB1, 0x7B, 0x68, 0x93, 0xE0, 0x29, 0x37, 0xEB, 0x34, 0xEF, 0x53, 0xAA, 0xE7, 0xD4,
        0x2B, 0x54, 0xF5, 0x70, 0x7E, 0xF5, 0xD6, 0xF5, 0x78, 0x54, 0x98, 0x3E, 0x5E, 0x94, 0xED, 0x7D,
    ]
    /// How much of the stub is searched for the signature.
    static let window = 32 << 20

    static func squirrel(_ layout: InstallerLayout) -> InstallerEngine? {
        guard let data = layout.resource(type: .name("DATA"), id: 131),
            ByteSearch.matches([0x50, 0x4B], in: layout.reader.bytes, at: data.offset)
        else { return nil }
        return InstallerEngine(
            name: .squirrel, payload: InstallerEngine.Payload(offset: data.offset, length: data.size, format: .zip))
    }

    static func velopack(_ layout: InstallerLayout) -> InstallerEngine? {
        let reader = layout.reader
        let end = min(layout.overlay?.lowerBound ?? reader.count, window)
        // A tiny PE (corkami's 268-byte tinyW7x64.exe) or an overlay starting in the headers
        // leaves nothing before the signature's 16 bytes of offset and length to search.
        guard end > 16, let at = ByteSearch.firstIndex(of: velopackSignature, in: reader.bytes, range: 16..<end) else {
            return nil
        }
        var engine = InstallerEngine(name: .velopack)
        let offset = Int64(bitPattern: (try? reader.u64(at: at - 16)) ?? 0)
        let length = Int64(bitPattern: (try? reader.u64(at: at - 8)) ?? 0)
        if offset > 0, length > 0, offset <= Int64(reader.count), length <= Int64(reader.count) - offset {
            engine.payload = InstallerEngine.Payload(offset: Int(offset), length: Int(length), format: .zip)
        } else {
            engine.notes.append(
                "the bundle offset \(offset) and length \(length) do not lie in the file (an unbundled stub?)")
        }
        return engine
    }
}
