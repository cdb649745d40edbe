/// A resource's data: where it is in the file and how long.
struct ResourceData {
    let offset: Int
    let size: Int
}

extension PEFile {
    /// The resource types armready reads (`RT_VERSION` 16, `RT_MANIFEST` 24).
    static let rtVersion: UInt32 = 16
    static let rtManifest: UInt32 = 24

    /// The first data entry under resource type `type` (any name, any language).
    ///
    /// The tree is IMAGE_RESOURCE_DIRECTORY (16 bytes: named and id entry counts at 12 and 14)
    /// followed by 8-byte entries {Name, OffsetToData}; a set high bit in OffsetToData points
    /// to a subdirectory, offsets are relative to the resource section. Depth is capped at
    /// three levels (type, name, language), which also stops loops.
    func resource(type: UInt32) -> ResourceData? {
        guard let directory = directory(.resource), let base = offset(rva: directory.rva) else { return nil }
        guard let typeDirectory = entry(in: base, base: base, id: type) else { return nil }
        var current = typeDirectory
        for _ in 0..<ReadLimits.maxResourceDepth {
            guard current & 0x8000_0000 != 0 else { break }
            guard let next = firstEntry(in: base + Int(current & 0x7FFF_FFFF)) else { return nil }
            current = next
        }
        guard current & 0x8000_0000 == 0 else { return nil }
        let dataEntry = base + Int(current)
        guard let dataRVA = try? reader.u32(at: dataEntry), let size = try? reader.u32(at: dataEntry + 4),
            let dataOffset = offset(rva: dataRVA), reader.contains(offset: dataOffset, length: Int(size))
        else { return nil }
        return ResourceData(offset: dataOffset, size: Int(size))
    }

    /// The OffsetToData of the id entry `id` in the directory at `directoryOffset`.
    private func entry(in directoryOffset: Int, base: Int, id: UInt32) -> UInt32? {
        guard let named = try? reader.u16(at: directoryOffset + 12),
            let ids = try? reader.u16(at: directoryOffset + 14)
        else { return nil }
        let total = min(Int(named) + Int(ids), ReadLimits.maxResourceEntries)
        for index in 0..<total {
            let at = directoryOffset + 16 + index * 8
            guard let name = try? reader.u32(at: at), let data = try? reader.u32(at: at + 4) else { return nil }
            if name == id { return data }
        }
        return nil
    }

    private func firstEntry(in directoryOffset: Int) -> UInt32? {
        guard let named = try? reader.u16(at: directoryOffset + 12),
            let ids = try? reader.u16(at: directoryOffset + 14), Int(named) + Int(ids) > 0
        else { return nil }
        return try? reader.u32(at: directoryOffset + 16 + 4)
    }

    /// The embedded application manifest's architecture list and execution level.
    func manifest() -> ManifestInfo? {
        guard let data = resource(type: Self.rtManifest), data.size <= ReadLimits.maxManifestBytes,
            let bytes = try? reader.slice(at: data.offset, length: data.size, "manifest")
        else { return nil }
        return ManifestParser.parse(bytes)
    }

    /// The string table of the VS_VERSIONINFO resource.
    func versionInfo() -> VersionInfo? {
        guard let data = resource(type: Self.rtVersion),
            let bytes = try? reader.slice(at: data.offset, length: data.size, "version resource")
        else { return nil }
        return VersionInfoParser.parse(ByteReader(bytes))
    }
}
