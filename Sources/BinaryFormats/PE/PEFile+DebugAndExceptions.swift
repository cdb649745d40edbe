extension PEFile {
    /// The PDB path from the first CodeView debug directory entry (`RSDS` after a GUID and
    /// age, or the older `NB10`), per the PE spec's debug directory and the CodeView formats.
    func pdbPath() -> String? {
        guard let directory = directory(.debug), let start = offset(rva: directory.rva) else { return nil }
        let count = min(Int(directory.size) / 28, ReadLimits.maxDebugEntries)
        for index in 0..<count {
            let entry = start + index * 28
            guard let type = try? reader.u32(at: entry + 12), type == 2,
                let dataOffset = try? reader.u32(at: entry + 24),
                let signature = try? reader.u32(at: Int(dataOffset))
            else { continue }
            switch signature {
            case 0x5344_5352:  // "RSDS"
                return try? reader.cString(at: Int(dataOffset) + 24, "PDB path")
            case 0x3031_424E:  // "NB10"
                return try? reader.cString(at: Int(dataOffset) + 16, "PDB path")
            default:
                continue
            }
        }
        return nil
    }

    /// Function ranges from the exception directory. x64: RUNTIME_FUNCTION {Begin, End,
    /// UnwindInfo} (12 bytes). ARM64 and ARM64EC: {Begin, UnwindData} (8 bytes) where the low
    /// two bits of UnwindData select packed unwind data (FunctionLength in bits 2–12, in
    /// 4-byte units) or an .xdata record (FunctionLength in bits 0–17 of its first word).
    /// - Parameter hybrid: the image has CHPE metadata (an ARM64EC image uses the ARM64 layout).
    func exceptionFunctions(hybrid: Bool) -> [FunctionRange] {
        guard let directory = directory(.exception), let start = offset(rva: directory.rva) else { return [] }
        let armLayout = machine == .arm64 || (machine == .amd64 && hybrid)
        let entrySize = armLayout ? 8 : 12
        guard machine == .amd64 || machine == .arm64 else { return [] }
        let count = min(Int(directory.size) / entrySize, ReadLimits.maxFunctions)
        var functions: [FunctionRange] = []
        functions.reserveCapacity(count)
        for index in 0..<count {
            let at = start + index * entrySize
            guard let begin = try? reader.u32(at: at), let second = try? reader.u32(at: at + 4) else { break }
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
