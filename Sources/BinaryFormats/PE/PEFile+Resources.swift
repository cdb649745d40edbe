/// A resource's data: where it is in the file and how long.
struct ResourceData {
    let offset: Int
    let size: Int
}

extension PEFile {
    /// The resource types armready reads (`RT_VERSION` 16, `RT_MANIFEST` 24).
    static let rtVersion: UInt32 = 16
    static let rtManifest: UInt32 = 24

    /// The file offset of the resource tree's root directory, nil without a resource directory.
    /// - Throws: when the directory's RVA has no file data or its root header is cut off.
    func resourceRoot() throws(BinaryFormatError) -> Int? {
        guard let directory = directory(.resource) else { return nil }
        let base = try requireOffset(rva: directory.rva, "resource directory")
        try reader.require(offset: base, length: 16, "resource root directory")
        return base
    }

    /// The first data entry under resource type `type` (any name, any language), nil when the
    /// tree has no such type.
    ///
    /// The tree is IMAGE_RESOURCE_DIRECTORY (16 bytes: named and id entry counts at 12 and 14)
    /// followed by 8-byte entries {Name, OffsetToData}; a set high bit in OffsetToData points
    /// to a subdirectory, offsets are relative to the resource section. Depth is capped at
    /// three levels (type, name, language), which also stops loops.
    /// - Parameter base: the root's file offset (`resourceRoot()`).
    /// - Throws: when a directory, entry or the data of the type's first resource lies outside
    ///   the file, or the tree is deeper than three levels.
    func resource(type: UInt32, base: Int) throws(BinaryFormatError) -> ResourceData? {
        guard var current = try entry(in: base, id: type) else { return nil }
        for _ in 0..<ReadLimits.maxResourceDepth {
            guard current & 0x8000_0000 != 0 else { break }
            guard let next = try firstEntry(in: base + Int(current & 0x7FFF_FFFF)) else { return nil }
            current = next
        }
        guard current & 0x8000_0000 == 0 else {
            throw .invalid("the tree under type \(type) is deeper than \(ReadLimits.maxResourceDepth) levels")
        }
        let dataEntry = base + Int(current)
        try reader.require(offset: dataEntry, length: 8, "resource data entry")
        let dataRVA = try reader.u32(at: dataEntry)
        let size = Int(try reader.u32(at: dataEntry + 4))
        let dataOffset = try requireOffset(rva: dataRVA, "resource data")
        try reader.require(offset: dataOffset, length: size, "resource data")
        return ResourceData(offset: dataOffset, size: size)
    }

    /// The OffsetToData of the id entry `id` in the directory at `directoryOffset`.
    private func entry(in directoryOffset: Int, id: UInt32) throws(BinaryFormatError) -> UInt32? {
        let total = try entryCount(at: directoryOffset)
        for index in 0..<total {
            let at = directoryOffset + 16 + index * 8
            if try reader.u32(at: at, "resource directory entry") == id {
                return try reader.u32(at: at + 4, "resource directory entry")
            }
        }
        return nil
    }

    private func firstEntry(in directoryOffset: Int) throws(BinaryFormatError) -> UInt32? {
        guard try entryCount(at: directoryOffset) > 0 else { return nil }
        return try reader.u32(at: directoryOffset + 16 + 4, "resource directory entry")
    }

    /// NumberOfNamedEntries + NumberOfIdEntries, capped at `ReadLimits.maxResourceEntries`.
    private func entryCount(at directoryOffset: Int) throws(BinaryFormatError) -> Int {
        let named = try reader.u16(at: directoryOffset + 12, "resource directory")
        let ids = try reader.u16(at: directoryOffset + 14, "resource directory")
        return min(Int(named) + Int(ids), ReadLimits.maxResourceEntries)
    }

    /// The embedded application manifest's architecture list and execution level.
    /// - Throws: when the manifest resource is damaged or larger than `ReadLimits.maxManifestBytes`.
    func manifest(base: Int) throws(BinaryFormatError) -> ManifestInfo? {
        guard let data = try resource(type: Self.rtManifest, base: base) else { return nil }
        guard data.size <= ReadLimits.maxManifestBytes else {
            throw .countTooLarge(what: "manifest bytes", count: data.size, limit: ReadLimits.maxManifestBytes)
        }
        return ManifestParser.parse(try reader.slice(at: data.offset, length: data.size, "manifest"))
    }

    /// The string table of the VS_VERSIONINFO resource.
    /// - Throws: when the version resource is damaged.
    func versionInfo(base: Int) throws(BinaryFormatError) -> VersionInfo? {
        guard let data = try resource(type: Self.rtVersion, base: base) else { return nil }
        return VersionInfoParser.parse(
            ByteReader(try reader.slice(at: data.offset, length: data.size, "version resource")))
    }
}
