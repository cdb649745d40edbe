extension PEFile {
    /// Reads the import directory (IMAGE_IMPORT_DESCRIPTOR, 20 bytes each, zero-terminated).
    ///
    /// A descriptor array that never terminates is cut at `ReadLimits`; a descriptor whose
    /// name cannot be read is skipped, since one bad entry must not hide the rest of the
    /// imports. Both are noted.
    /// - Parameters:
    ///   - budget: the names and name bytes still allowed (shared with the delay-load directory).
    ///   - notes: where partial damage is described.
    ///   - slots: gets each named function's IAT entry (FirstThunk + index × pointer size).
    /// - Throws: when the directory's RVA has no file data.
    func imports(budget: inout NameBudget, notes: inout [String], slots: inout [ImportSlot]) throws(BinaryFormatError)
        -> [PEImport]
    {
        guard let directory = directory(.import) else { return [] }
        let start = try requireOffset(rva: directory.rva, "import directory")
        var result: [PEImport] = []
        var nameless = 0
        var truncated = false
        var terminated = false
        for index in 0..<ReadLimits.maxImportDescriptors {
            // Bytes past the end of the file read as the zeros the loader maps there.
            let at = start + index * 20
            let originalFirstThunk = zeroFilledU32(at: at)
            let nameRVA = zeroFilledU32(at: at + 12)
            let firstThunk = zeroFilledU32(at: at + 16)
            // The loader's end of the list (ReactOS LdrpHandleOldFormatImportDescriptors, corkami
            // imports_badterm): a descriptor without a Name or without a FirstThunk, not
            // only the all-zero one the specification describes.
            if nameRVA == 0 || firstThunk == 0 {
                terminated = true
                break
            }
            guard let name = string(rva: nameRVA) else {
                nameless += 1
                continue
            }
            guard budget.spendBytes(of: name) else {
                (truncated, terminated) = (true, true)
                break
            }
            let thunks = originalFirstThunk != 0 ? originalFirstThunk : firstThunk
            let functions = functionNames(thunkRVA: thunks, budget: &budget, truncated: &truncated)
            slots += Self.slots(functions, table: firstThunk, width: isPE32Plus ? 8 : 4)
            result.append(PEImport(dll: name.lowercased(), delayLoad: false, functions: functions.map(\.name)))
        }
        if !terminated {
            notes.append(
                "no null descriptor within the first \(ReadLimits.maxImportDescriptors): the rest were not read")
        }
        notes += Self.descriptorNotes(nameless: nameless, read: result.count, truncated: truncated, budget: budget)
        return result
    }

    /// Reads the delay-load directory (IMAGE_DELAYLOAD_DESCRIPTOR, 32 bytes each, ended by one
    /// whose DllNameRVA is 0), with the same limits and notes as `imports`; `slots` gets the
    /// entries of each descriptor's ImportAddressTableRVA.
    func delayImports(budget: inout NameBudget, notes: inout [String], slots: inout [ImportSlot])
        throws(BinaryFormatError)
        -> [PEImport]
    {
        guard let directory = directory(.delayImport) else { return [] }
        let start = try requireOffset(rva: directory.rva, "delay-load import directory")
        var result: [PEImport] = []
        var nameless = 0
        var truncated = false
        var terminated = false
        for index in 0..<ReadLimits.maxImportDescriptors {
            let at = start + index * 32
            let attributes = zeroFilledU32(at: at)
            var nameRVA = zeroFilledU32(at: at + 4)
            var addressTable = zeroFilledU32(at: at + 12)
            var nameTable = zeroFilledU32(at: at + 16)
            if nameRVA == 0 {
                terminated = true
                break
            }
            // Attributes bit 0 clear: the old (VC6) layout stores virtual addresses.
            if attributes & 1 == 0 {
                nameRVA = rva(virtualAddress: UInt64(nameRVA)) ?? 0
                addressTable = rva(virtualAddress: UInt64(addressTable)) ?? 0
                nameTable = rva(virtualAddress: UInt64(nameTable)) ?? 0
            }
            guard let name = string(rva: nameRVA) else {
                nameless += 1
                continue
            }
            guard budget.spendBytes(of: name) else {
                (truncated, terminated) = (true, true)
                break
            }
            let functions = functionNames(thunkRVA: nameTable, budget: &budget, truncated: &truncated)
            slots += Self.slots(functions, table: addressTable, width: isPE32Plus ? 8 : 4)
            result.append(PEImport(dll: name.lowercased(), delayLoad: true, functions: functions.map(\.name)))
        }
        if !terminated {
            notes.append(
                "no null descriptor within the first \(ReadLimits.maxImportDescriptors): the rest were not read")
        }
        notes += Self.descriptorNotes(nameless: nameless, read: result.count, truncated: truncated, budget: budget)
        return result
    }

    /// A little-endian u32 whose bytes past the end of the file read as zero.
    private func zeroFilledU32(at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in (0..<4).reversed() { value = (value << 8) | UInt32((try? reader.u8(at: offset + index)) ?? 0) }
        return value
    }

    private static func descriptorNotes(nameless: Int, read: Int, truncated: Bool, budget: NameBudget) -> [String] {
        var notes: [String] = []
        if nameless > 0 {
            notes.append(
                "\(nameless) of \(nameless + read) descriptors have no readable DLL name (no file data, or over \(ReadLimits.maxStringLength) bytes); they were skipped"
            )
        }
        if truncated {
            notes.append(
                "a name table reached the limit of \(ReadLimits.maxImportsPerDLL) names per DLL, or of \(budget.limits): the rest were not read"
            )
        }
        return notes
    }

    /// The IAT entries of `functions` in the address table at RVA `table` (none when 0).
    private static func slots(_ functions: [ImportedName], table: UInt32, width: Int) -> [ImportSlot] {
        guard table != 0 else { return [] }
        return functions.map { ImportSlot(address: UInt64(table) + UInt64($0.index * width), name: $0.name) }
    }

    /// A name from an import lookup table and its index there, which is its index in the IAT.
    struct ImportedName {
        var index: Int
        var name: String
    }

    /// Names from an import lookup table: `#N` for ordinals, the hint/name entry's name otherwise.
    /// `budget` is what is still allowed across the whole import table.
    /// `truncated` is set when a limit, not a null thunk, ended the table.
    private func functionNames(thunkRVA: UInt32, budget: inout NameBudget, truncated: inout Bool) -> [ImportedName] {
        guard thunkRVA != 0, let start = offset(rva: thunkRVA) else { return [] }
        let width = isPE32Plus ? 8 : 4
        let ordinalFlag: UInt64 = isPE32Plus ? 1 << 63 : 1 << 31
        var names: [ImportedName] = []
        let limit = budget.namesAllowed(limit: ReadLimits.maxImportsPerDLL)
        for index in 0...limit {
            guard let thunk = try? reader.unsigned(at: start + index * width, width: width, "import thunk"),
                thunk != 0
            else { break }
            guard index < limit else {
                truncated = true
                break
            }
            if thunk & ordinalFlag != 0 {
                budget.spendName()
                names.append(ImportedName(index: index, name: "#\(thunk & 0xFFFF)"))
            } else if thunk <= UInt64(UInt32.max), let name = string(rva: UInt32(thunk) &+ 2) {
                guard budget.spend(name) else {
                    truncated = true
                    break
                }
                names.append(ImportedName(index: index, name: name))
            } else {
                budget.spendName()
            }
        }
        return names
    }

    /// The NUL-terminated string at `rva`, nil when it is not backed by file data. The end of
    /// the file ends a string too: the loader maps the bytes after it as zeros.
    func string(rva: UInt32, maxLength: Int = ReadLimits.maxStringLength) -> String? {
        guard rva != 0, let offset = offset(rva: rva) else { return nil }
        return try? reader.cString(at: offset, maxLength: maxLength, endTerminates: true, "string")
    }
}

extension PEFile {
    /// Reads the export directory (IMAGE_EXPORT_DIRECTORY, 40 bytes). An export whose RVA falls
    /// inside the export directory is a forwarder string (`OTHER.Function`), per the spec.
    ///
    /// The loader never walks this table (GetProcAddress reads single entries), so its counts
    /// are not checked for validity: at most `ReadLimits.maxExports` entries of each table are
    /// read, names and forwarder strings stop at the file's `NameBudget` bytes, and a table that
    /// is longer, or runs past the end of the file, is noted.
    /// - Throws: when the directory itself has no file data.
    func exports(notes: inout [String]) throws(BinaryFormatError) -> PEExports? {
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
        for (what, count) in [("NumberOfFunctions", functionCount), ("NumberOfNames", nameCount)]
        where count > ReadLimits.maxExports {
            notes.append("\(what) is \(count): the first \(ReadLimits.maxExports) entries were read")
        }
        var budget = NameBudget(fileSize: reader.count)
        var namesByIndex: [Int: String] = [:]
        if nameCount > 0 {
            if let names = offset(rva: namesRVA), let ordinals = offset(rva: ordinalsRVA) {
                let wanted = min(nameCount, ReadLimits.maxExports)
                for index in 0..<wanted {
                    guard let nameRVA = try? reader.u32(at: names + index * 4),
                        let ordinal = try? reader.u16(at: ordinals + index * 2),
                        let name = string(rva: nameRVA)
                    else {
                        notes.append("the name table ends after \(index) of \(nameCount) names (no file data)")
                        break
                    }
                    guard budget.spend(name) else {
                        notes.append(
                            "the names reached the limit of \(budget.byteLimit) after \(index) of \(nameCount): the rest were not read"
                        )
                        break
                    }
                    namesByIndex[Int(ordinal)] = name
                }
            } else {
                notes.append(
                    "the name pointer table (RVA \(hex(namesRVA))) or ordinal table (RVA \(hex(ordinalsRVA))) is not backed by file data"
                )
            }
        }
        var entries: [PEExport] = []
        if functionCount > 0 {
            if let functions = offset(rva: functionsRVA) {
                let directoryEnd = UInt64(directory.rva) + UInt64(directory.size)
                let wanted = min(functionCount, ReadLimits.maxExports)
                for index in 0..<wanted {
                    guard let rva = try? reader.u32(at: functions + index * 4) else {
                        notes.append(
                            "the address table ends after \(index) of \(functionCount) entries (the file ends at \(hex(reader.count)))"
                        )
                        break
                    }
                    if rva == 0 { continue }
                    let ordinal = base &+ UInt32(index)
                    let isForwarder = UInt64(rva) >= UInt64(directory.rva) && UInt64(rva) < directoryEnd
                    let forwarder = isForwarder ? string(rva: rva) : nil
                    if let forwarder, !budget.spendBytes(of: forwarder) {
                        notes.append(
                            "the names and forwarders reached the limit of \(budget.byteLimit) at entry \(index) of \(functionCount): the rest were not read"
                        )
                        break
                    }
                    entries.append(
                        PEExport(
                            ordinal: ordinal, name: namesByIndex[index],
                            rva: isForwarder ? nil : rva, forwarder: forwarder))
                }
            } else {
                notes.append("the address table RVA \(hex(functionsRVA)) is not backed by file data")
            }
        }
        return PEExports(dllName: string(rva: nameRVA), entries: entries)
    }
}
