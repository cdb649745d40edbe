extension PEFile {
    /// The PDB path from the first CodeView debug directory entry (`RSDS` after a GUID and
    /// age, or the older `NB10`), per the PE spec's debug directory and the CodeView formats.
    ///
    /// At most `ReadLimits.maxDebugEntries` entries are looked at; a CodeView entry whose data
    /// lies outside the file is noted and skipped.
    /// - Throws: when the directory's RVA has no file data.
    func pdbPath(notes: inout [String]) throws(BinaryFormatError) -> String? {
        guard let directory = directory(.debug) else { return nil }
        let start = try requireOffset(rva: directory.rva, "debug directory")
        let declared = Int(directory.size) / 28
        let count = min(declared, ReadLimits.maxDebugEntries)
        for index in 0..<count {
            let entry = start + index * 28
            guard reader.contains(offset: entry, length: 28) else {
                notes.append("the directory ends past the end of the file after \(index) of \(declared) entries")
                return nil
            }
            let type = try reader.u32(at: entry + 12)
            let size = try reader.u32(at: entry + 16)
            let dataOffset = Int(try reader.u32(at: entry + 24))
            guard type == 2, size != 0 else { continue }
            guard reader.contains(offset: dataOffset, length: 4) else {
                notes.append(
                    "CodeView entry \(index): its data at \(hex(dataOffset)) lies past the end of the file (\(hex(reader.count)))"
                )
                continue
            }
            let path: String?
            switch try reader.u32(at: dataOffset) {
            case 0x5344_5352:  // "RSDS"
                path = try? reader.cString(at: dataOffset + 24, "PDB path")
            case 0x3031_424E:  // "NB10"
                path = try? reader.cString(at: dataOffset + 16, "PDB path")
            default:
                continue
            }
            if let path { return path }
            notes.append("CodeView entry \(index): the PDB path at \(hex(dataOffset)) is not a terminated string")
        }
        if declared > count {
            notes.append("\(declared) entries: the first \(count) were read")
        }
        return nil
    }

    /// Function ranges from the exception directory. x64: RUNTIME_FUNCTION {Begin, End,
    /// UnwindInfo} (12 bytes). ARM64 and ARM64EC: {Begin, UnwindData} (8 bytes) where the low
    /// two bits of UnwindData select packed unwind data (FunctionLength in bits 2–12, in
    /// 4-byte units) or an .xdata record (FunctionLength in bits 0–17 of its first word).
    /// - Parameters:
    ///   - hybrid: the image has CHPE metadata (an ARM64EC image uses the ARM64 layout).
    ///   - notes: where a table cut by `ReadLimits.maxFunctions` or by the end of the file is noted.
    /// - Throws: when the directory's RVA has no file data.
    func exceptionFunctions(hybrid: Bool, notes: inout [String]) throws(BinaryFormatError) -> [FunctionRange] {
        guard machine == .amd64 || machine == .arm64, let directory = directory(.exception) else { return [] }
        let start = try requireOffset(rva: directory.rva, "exception table")
        let armLayout = machine == .arm64 || (machine == .amd64 && hybrid)
        return runtimeFunctions(at: start, size: directory.size, armLayout: armLayout, notes: &notes)
    }

    /// Reads a RUNTIME_FUNCTION table at file offset `start` (the exception directory, or a
    /// ReadyToRun image's RuntimeFunctions section) in the x64 or the ARM64 layout.
    func runtimeFunctions(at start: Int, size: UInt32, armLayout: Bool, notes: inout [String]) -> [FunctionRange] {
        let entrySize = armLayout ? 8 : 12
        let declared = Int(size) / entrySize
        let count = min(declared, ReadLimits.maxFunctions)
        if declared > count { notes.append("\(declared) entries: the first \(count) were read") }
        var functions: [FunctionRange] = []
        functions.reserveCapacity(min(count, (reader.count - start) / entrySize))
        for index in 0..<count {
            let at = start + index * entrySize
            guard let begin = try? reader.u32(at: at), let second = try? reader.u32(at: at + 4) else {
                notes.append("the table ends past the end of the file after \(index) of \(declared) entries")
                break
            }
            if armLayout {
                let length: UInt32
                if second & 3 != 0 {
                    length = ((second >> 2) & 0x7FF) * 4
                } else if let xdata = offset(rva: second), let word = try? reader.u32(at: xdata) {
                    length = (word & 0x3FFFF) * 4
                } else {
                    continue
                }
                if length > 0 { functions.append(FunctionRange(start: UInt64(begin), size: UInt64(length))) }
            } else if second > begin {
                functions.append(FunctionRange(start: UInt64(begin), size: UInt64(second - begin)))
            }
        }
        return functions
    }
}
