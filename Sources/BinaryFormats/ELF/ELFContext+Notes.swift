extension ELFContext {
    /// The GNU notes: build id and program properties.
    ///
    /// Read from the `SHT_NOTE` sections, or from the `PT_NOTE`/`PT_GNU_PROPERTY` segments when
    /// the file has no note sections. A damaged note area keeps what was read
    /// before the damage; the file's other facts are unaffected.
    func notes() -> ELFNotes {
        var notes = ELFNotes()
        let noteSections = sections.filter { $0.type == ELFConstant.shtNote && $0.fileSize > 0 }
        if !noteSections.isEmpty {
            for section in noteSections {
                try? notes.read(
                    reader, offset: section.offset, size: section.fileSize, alignment: section.alignment,
                    is64Bit: check.is64Bit)
            }
            return notes
        }
        var seen = Set<UInt64>()
        for segment in segments where segment.type == ELFConstant.ptNote || segment.type == ELFConstant.ptGNUProperty {
            // PT_GNU_PROPERTY covers the same bytes as one PT_NOTE: read each area once.
            guard segment.fileSize > 0, seen.insert(segment.offset).inserted else { continue }
            try? notes.read(
                reader, offset: segment.offset, size: segment.fileSize, alignment: segment.alignment,
                is64Bit: check.is64Bit)
        }
        return notes
    }
}
