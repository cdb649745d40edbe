extension PEReader {
    /// Where the flow analysis starts (entry point, exports that are not forwarders, TLS
    /// callbacks), one per address and kind, and the IAT slots sorted by address. Hybrid
    /// (ARM64X) images give the native view's exports, the ones `PEInfo.exports` holds.
    static func codeEntries(file: PEFile, info: PEInfo, slots: [ImportSlot])
        -> (roots: [CodeRoot], importSlots: [ImportSlot])
    {
        var roots: [CodeRoot] = []
        if file.addressOfEntryPoint != 0 {
            roots.append(CodeRoot(address: UInt64(file.addressOfEntryPoint), kind: .entry))
        }
        for entry in info.exports?.entries ?? [] {
            if let rva = entry.rva { roots.append(CodeRoot(address: UInt64(rva), kind: .export, name: entry.name)) }
        }
        for callback in file.tlsCallbacks() { roots.append(CodeRoot(address: UInt64(callback), kind: .tlsCallback)) }
        return (CodeRoot.unique(roots), ImportSlot.unique(slots))
    }

    /// The executable sections, the `.pdata` functions, the exports as symbols, the code map,
    /// and `entries`.
    static func codeLayout(
        file: PEFile, info: PEInfo, functions: [FunctionRange],
        entries: (roots: [CodeRoot], importSlots: [ImportSlot])
    ) -> CodeLayout {
        let architecture: CodeArchitecture
        switch file.machine {
        case .amd64: architecture = .x64
        case .i386: architecture = .x86
        case .arm64: architecture = .arm64
        default: architecture = .other
        }
        let sections = file.sections.filter(\.isExecutable).compactMap { section -> CodeSection? in
            let start = file.rawStart(section)
            guard start < file.reader.count else { return nil }
            var size = Int(section.sizeOfRawData)
            if section.virtualSize != 0 { size = min(size, Int(section.virtualSize)) }
            size = min(size, file.reader.count - start)
            return CodeSection(
                name: section.name, address: UInt64(section.virtualAddress), fileOffset: start, fileSize: size)
        }
        let symbols = (info.exports?.entries ?? []).compactMap { entry -> CodeSymbol? in
            guard let rva = entry.rva, let name = entry.name else { return nil }
            return CodeSymbol(address: UInt64(rva), name: name)
        }.sorted { $0.address < $1.address }
        let sortedFunctions = functions.sorted { $0.start < $1.start }
        return CodeLayout(
            architecture: architecture, sections: sections, functions: sortedFunctions,
            functionSource: sortedFunctions.isEmpty ? nil : .pdata, symbols: symbols,
            architectureRanges: info.hybrid?.codeMap ?? [], roots: entries.roots, importSlots: entries.importSlots)
    }
}
