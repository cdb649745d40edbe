/// What `.dynamic` says about linking: needed libraries, the soname and the search path.
struct ELFDynamicInfo: Sendable, Equatable {
    var needed: [String] = []
    var soname: String?
    var runpath: [String] = []
    /// `DT_FLAGS_1`, 0 when absent.
    var flags1: UInt64 = 0
    /// `DT_INIT` and `DT_FINI` addresses, in table order (the loader calls both).
    var initializers: [UInt64] = []
}

extension ELFContext {
    /// Reads the `SHT_DYNAMIC` section through libelf, or the `PT_DYNAMIC` segment from the
    /// raw bytes when the file has no section headers (a stripped or hand-made executable).
    ///
    /// - Throws: `.truncated` when the dynamic table lies outside the file.
    func dynamic() throws(BinaryFormatError) -> ELFDynamicInfo {
        let entries: [ELFRawDynamic]
        let strings: ELFStringTable?
        if let section = sections.first(where: { $0.type == ELFConstant.shtDynamic }) {
            guard section.fileSize > 0 else { return ELFDynamicInfo() }
            try requireInFile(offset: section.offset, size: section.fileSize, ".dynamic")
            entries = try handle.dynamicEntries(section: section.index, limit: ReadLimits.maxELFDynamicEntries)
            // A broken sh_link (out of range, or the section itself) falls back to DT_STRTAB.
            strings = stringTable(linkedFrom: section) ?? dynamicStrings(entries)
        } else if let segment = segments.first(where: { $0.type == ELFConstant.ptDynamic }) {
            entries = try rawDynamicEntries(segment)
            strings = dynamicStrings(entries)
        } else {
            return ELFDynamicInfo()
        }
        var info = ELFDynamicInfo()
        var rpath: [String] = []
        for entry in entries {
            switch entry.tag {
            case ELFConstant.dtNeeded:
                if info.needed.count < ReadLimits.maxNeeded, let name = strings?.string(at: entry.value) {
                    info.needed.append(name)
                }
            case ELFConstant.dtSoname:
                info.soname = strings?.string(at: entry.value)
            case ELFConstant.dtRunpath:
                info.runpath = Self.searchPath(strings?.string(at: entry.value))
            case ELFConstant.dtRpath:
                rpath = Self.searchPath(strings?.string(at: entry.value))
            case ELFConstant.dtFlags1:
                info.flags1 = entry.value
            case ELFConstant.dtInit, ELFConstant.dtFini:
                if entry.value != 0 { info.initializers.append(entry.value) }
            default:
                break
            }
        }
        // DT_RUNPATH wins over DT_RPATH, as in the dynamic loader.
        if info.runpath.isEmpty { info.runpath = rpath }
        return info
    }

    /// The string table named by `section.sh_link`, nil when the link is out of range.
    func stringTable(linkedFrom section: ELFRawSection) -> ELFStringTable? {
        let link = Int(section.link)
        guard link > 0, link < sections.count, link != section.index else { return nil }
        return ELFStringTable(reader: reader, offset: sections[link].offset, size: sections[link].fileSize)
    }

    /// Throws `.truncated` unless `offset..<offset+size` lies inside the file.
    func requireInFile(offset: UInt64, size: UInt64, _ what: String) throws(BinaryFormatError) {
        guard let start = Int(exactly: offset), let length = Int(exactly: size) else {
            throw .pointsPastEnd(field: "\(what) offset", value: offset, fileSize: reader.count)
        }
        try reader.require(offset: start, length: length, what)
    }

    /// `PT_DYNAMIC` entries decoded from the raw bytes in the file's byte order.
    private func rawDynamicEntries(_ segment: ELFRawSegment) throws(BinaryFormatError) -> [ELFRawDynamic] {
        try requireInFile(offset: segment.offset, size: segment.fileSize, "PT_DYNAMIC")
        let word = check.is64Bit ? 8 : 4
        let start = Int(segment.offset)
        let count = min(Int(segment.fileSize) / (2 * word), ReadLimits.maxELFDynamicEntries)
        var entries: [ELFRawDynamic] = []
        for index in 0..<count {
            let at = start + index * 2 * word
            let tag = try reader.unsigned(at: at, width: word, "d_tag")
            if tag == 0 { break }
            let value = try reader.unsigned(at: at + word, width: word, "d_val")
            let signedTag = check.is64Bit ? Int64(bitPattern: tag) : Int64(Int32(truncatingIfNeeded: tag))
            entries.append(ELFRawDynamic(tag: signedTag, value: value))
        }
        return entries
    }

    /// The string table `DT_STRTAB`/`DT_STRSZ` point at, mapped to a file offset through `PT_LOAD`.
    private func dynamicStrings(_ entries: [ELFRawDynamic]) -> ELFStringTable? {
        guard let address = entries.first(where: { $0.tag == 5 })?.value,  // DT_STRTAB
            let size = entries.first(where: { $0.tag == 10 })?.value,  // DT_STRSZ
            let offset = fileOffset(ofAddress: address)
        else { return nil }
        return ELFStringTable(reader: reader, offset: offset, size: size)
    }

    /// The file offset of virtual `address` through the `PT_LOAD` segment that holds it.
    func fileOffset(ofAddress address: UInt64) -> UInt64? {
        for segment in segments where segment.type == 1 {  // PT_LOAD
            guard address >= segment.address else { continue }
            let delta = address - segment.address
            if delta < segment.fileSize {
                let (offset, overflow) = segment.offset.addingReportingOverflow(delta)
                return overflow ? nil : offset
            }
        }
        return nil
    }

    /// A colon-separated search path split into its entries.
    private static func searchPath(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }
}
