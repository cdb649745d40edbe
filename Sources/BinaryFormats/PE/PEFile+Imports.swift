extension PEFile {
    /// Reads the import directory (IMAGE_IMPORT_DESCRIPTOR, 20 bytes each, zero-terminated)
    /// and the delay-load directory (IMAGE_DELAYLOAD_DESCRIPTOR, 32 bytes each).
    ///
    /// A descriptor array or thunk list that never terminates is cut at `ReadLimits`; a
    /// descriptor whose name cannot be read is skipped, since one bad entry must not hide the
    /// rest of the imports.
    func imports() throws(BinaryFormatError) -> [PEImport] {
        var result: [PEImport] = []
        var budget = ReadLimits.maxImportedFunctionsTotal
        if let directory = directory(.import) {
            let start = try requireOffset(rva: directory.rva, "import directory")
            for index in 0..<ReadLimits.maxImportDescriptors {
                let at = start + index * 20
                guard reader.contains(offset: at, length: 20) else { break }
                let originalFirstThunk = try reader.u32(at: at)
                let nameRVA = try reader.u32(at: at + 12)
                let firstThunk = try reader.u32(at: at + 16)
                if originalFirstThunk == 0, nameRVA == 0, firstThunk == 0 { break }
                guard let name = string(rva: nameRVA) else { continue }
                let thunks = originalFirstThunk != 0 ? originalFirstThunk : firstThunk
                result.append(
                    PEImport(
                        dll: name.lowercased(), delayLoad: false,
                        functions: functionNames(thunkRVA: thunks, budget: &budget)))
            }
        }
        if let directory = directory(.delayImport) {
            let start = try requireOffset(rva: directory.rva, "delay-load import directory")
            for index in 0..<ReadLimits.maxImportDescriptors {
                let at = start + index * 32
                guard reader.contains(offset: at, length: 32) else { break }
                let attributes = try reader.u32(at: at)
                var nameRVA = try reader.u32(at: at + 4)
                var nameTable = try reader.u32(at: at + 16)
                if nameRVA == 0 { break }
                // Attributes bit 0 clear: the old (VC6) layout stores virtual addresses.
                if attributes & 1 == 0 {
                    nameRVA = rva(virtualAddress: UInt64(nameRVA)) ?? 0
                    nameTable = rva(virtualAddress: UInt64(nameTable)) ?? 0
                }
                guard let name = string(rva: nameRVA) else { continue }
                result.append(
                    PEImport(
                        dll: name.lowercased(), delayLoad: true,
                        functions: functionNames(thunkRVA: nameTable, budget: &budget)))
            }
        }
        return result
    }

    /// Names from an import lookup table: `#N` for ordinals, the hint/name entry's name otherwise.
    /// `budget` is the number of names still allowed across the whole import table.
    private func functionNames(thunkRVA: UInt32, budget: inout Int) -> [String] {
        guard thunkRVA != 0, let start = offset(rva: thunkRVA) else { return [] }
        let width = isPE32Plus ? 8 : 4
        let ordinalFlag: UInt64 = isPE32Plus ? 1 << 63 : 1 << 31
        var names: [String] = []
        for index in 0..<min(ReadLimits.maxImportsPerDLL, max(budget, 0)) {
            guard let thunk = try? reader.unsigned(at: start + index * width, width: width, "import thunk"),
                thunk != 0
            else { break }
            budget -= 1
            if thunk & ordinalFlag != 0 {
                names.append("#\(thunk & 0xFFFF)")
            } else if thunk <= UInt64(UInt32.max), let name = string(rva: UInt32(thunk) &+ 2) {
                names.append(name)
            }
        }
        return names
    }

    /// The NUL-terminated string at `rva`, nil when it is not backed by file data.
    func string(rva: UInt32, maxLength: Int = ReadLimits.maxStringLength) -> String? {
        guard rva != 0, let offset = offset(rva: rva) else { return nil }
        return try? reader.cString(at: offset, maxLength: maxLength, "string")
    }
}

extension PEFile {
    /// Reads the export directory (IMAGE_EXPORT_DIRECTORY, 40 bytes). An export whose RVA falls
    /// inside the export directory is a forwarder string (`OTHER.Function`), per the spec.
    func exports() throws(BinaryFormatError) -> PEExports? {
        guard let directory = directory(.export) else { return nil }
        let at = try requireOffset(rva: directory.rva, "export directory")
        try reader.require(offset: at, length: 40, "export directory")
        let nameRVA = try reader.u32(at: at + 12)
        let base = try reader.u32(at: at + 16)
        let functionCount = Int(try reader.u32(at: at + 20))
        let nameCount = Int(try reader.u32(at: at + 24))
        let functionsRVA = try reader.u32(at: at + 28)
        let namesRVA = try reader.u32(at: at + 32)
        let ordinalsRVA = try reader.u32(at: at + 36)
        guard functionCount <= ReadLimits.maxExports else {
            throw .countTooLarge(what: "export NumberOfFunctions", count: functionCount, limit: ReadLimits.maxExports)
        }
        guard nameCount <= ReadLimits.maxExports else {
            throw .countTooLarge(what: "export NumberOfNames", count: nameCount, limit: ReadLimits.maxExports)
        }
        var namesByIndex: [Int: String] = [:]
        if nameCount > 0, let names = offset(rva: namesRVA), let ordinals = offset(rva: ordinalsRVA) {
            for index in 0..<nameCount {
                guard let nameRVA = try? reader.u32(at: names + index * 4),
                    let ordinal = try? reader.u16(at: ordinals + index * 2),
                    let name = string(rva: nameRVA)
                else { break }
                namesByIndex[Int(ordinal)] = name
            }
        }
        var entries: [PEExport] = []
        if functionCount > 0, let functions = offset(rva: functionsRVA) {
            let directoryEnd = UInt64(directory.rva) + UInt64(directory.size)
            for index in 0..<functionCount {
                guard let rva = try? reader.u32(at: functions + index * 4) else { break }
                if rva == 0 { continue }
                let ordinal = base &+ UInt32(index)
                let isForwarder = UInt64(rva) >= UInt64(directory.rva) && UInt64(rva) < directoryEnd
                entries.append(
                    PEExport(
                        ordinal: ordinal, name: namesByIndex[index],
                        rva: isForwarder ? nil : rva,
                        forwarder: isForwarder ? string(rva: rva) : nil))
            }
        }
        return PEExports(dllName: string(rva: nameRVA), entries: entries)
    }
}
