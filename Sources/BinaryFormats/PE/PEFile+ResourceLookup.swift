extension PEFile {
    /// A resource type: an id (`RT_RCDATA` 10) or a name (Squirrel's `DATA`).
    enum ResourceKey: Equatable {
        case id(UInt32)
        case name(String)
    }

    /// The data of resource `type` / `id`, first language, nil when the tree has no such entry.
    ///
    /// Names are matched exactly (IMAGE_RESOURCE_DIR_STRING_U: a u16 length, then UTF-16LE,
    /// relative to the resource section); at most 64 code units are read.
    /// - Throws: when a directory, entry or the data lies outside the file.
    func resource(type: ResourceKey, id: UInt32, base: Int) throws(BinaryFormatError) -> ResourceData? {
        guard let typeEntry = try entry(in: base, base: base, key: type), typeEntry & 0x8000_0000 != 0,
            let nameEntry = try entry(in: base + Int(typeEntry & 0x7FFF_FFFF), base: base, key: .id(id))
        else { return nil }
        var current = nameEntry
        if current & 0x8000_0000 != 0 {
            let languages = base + Int(current & 0x7FFF_FFFF)
            guard try lookupCount(at: languages) > 0 else { return nil }
            current = try reader.u32(at: languages + 20, "resource directory entry")
            guard current & 0x8000_0000 == 0 else { return nil }
        }
        let dataEntry = base + Int(current)
        let dataRVA = try reader.u32(at: dataEntry, "resource data entry")
        let size = Int(try reader.u32(at: dataEntry + 4, "resource data entry"))
        let dataOffset = try requireOffset(rva: dataRVA, "resource data")
        try reader.require(offset: dataOffset, length: size, "resource data")
        return ResourceData(offset: dataOffset, size: size)
    }

    private func entry(in directory: Int, base: Int, key: ResourceKey) throws(BinaryFormatError) -> UInt32? {
        for index in 0..<(try lookupCount(at: directory)) {
            let at = directory + 16 + index * 8
            let name = try reader.u32(at: at, "resource directory entry")
            let matched: Bool
            switch key {
            case .id(let id): matched = name & 0x8000_0000 == 0 && name == id
            case .name(let wanted):
                guard name & 0x8000_0000 != 0 else { continue }
                let at = base + Int(name & 0x7FFF_FFFF)
                let units = Int(try reader.u16(at: at, "resource name"))
                guard units <= 64 else { continue }
                matched = try reader.utf16String(at: at + 2, units: units, "resource name") == wanted
            }
            if matched { return try reader.u32(at: at + 4, "resource directory entry") }
        }
        return nil
    }

    private func lookupCount(at directory: Int) throws(BinaryFormatError) -> Int {
        let named = try reader.u16(at: directory + 12, "resource directory")
        let ids = try reader.u16(at: directory + 14, "resource directory")
        return min(Int(named) + Int(ids), ReadLimits.maxResourceEntries)
    }
}
