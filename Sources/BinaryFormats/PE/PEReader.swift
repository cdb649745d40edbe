/// Reads an MZ file: a PE/COFF image (everything DESIGN.md §3 lists), or the DOS, NE or LE/LX
/// program the MZ header fronts. Pure Swift over `ByteReader`.
package enum PEReader {
    package static func read(_ bytes: UnsafeRawBufferPointer, options: ReadOptions = .full) throws(BinaryFormatError)
        -> BinaryImage
    {
        let reader = ByteReader(bytes)
        guard reader.count >= 0x40 else {
            throw .invalid("DOS header truncated: file is \(hex(reader.count)) bytes, needs 0x40")
        }
        // e_lfarlc (relocation table offset) below 0x40 marks a plain DOS program, whose
        // e_lfanew field is not meaningful.
        let relocationTable = try reader.u16(at: 0x18)
        let newHeader = try reader.u32(at: 0x3C, "e_lfanew")
        if relocationTable < 0x40 && relocationTable != 0 {
            return dosImage(signature: "MZ", newHeader: nil)
        }
        guard UInt64(newHeader) + 4 <= UInt64(reader.count) else {
            throw .pointsPastEnd(field: "e_lfanew", value: UInt64(newHeader), fileSize: reader.count)
        }
        let peOffset = Int(newHeader)
        let signature = try reader.u32(at: peOffset, "PE signature")
        switch signature & 0xFFFF {
        case 0x4550 where signature == 0x0000_4550: break
        case 0x454E: return dosImage(signature: "NE", newHeader: newHeader)
        case 0x454C: return dosImage(signature: "LE", newHeader: newHeader)
        case 0x584C: return dosImage(signature: "LX", newHeader: newHeader)
        default: return dosImage(signature: "MZ", newHeader: newHeader)
        }
        return readPE(try PEFile(reader: reader, peOffset: peOffset), options: options)
    }

    private static func dosImage(signature: String, newHeader: UInt32?) -> BinaryImage {
        let kind: BinaryKind = signature == "NE" ? .ne : signature == "MZ" ? .dos : .lx
        return BinaryImage(
            format: .dos, machine: 0, machineName: signature == "MZ" ? "DOS" : signature,
            execution: .other, kind: kind, bits: signature == "NE" || signature == "MZ" ? 16 : 32,
            dos: DOSInfo(signature: signature, newHeaderOffset: newHeader))
    }

    /// Reads everything past the headers, one structure at a time: a structure that fails
    /// becomes a `ReadWarning` and the others are still read, so the image is rated from
    /// whatever could be read (issue 14: degrade per structure, not per file).
    private static func readPE(_ file: PEFile, options: ReadOptions) -> BinaryImage {
        var warnings = file.headerWarnings
        var info = PEInfo(
            isPE32Plus: file.isPE32Plus, characteristics: file.characteristics,
            timeDateStamp: file.timeDateStamp, subsystem: file.subsystem,
            dllCharacteristics: file.dllCharacteristics, imageBase: file.imageBase,
            addressOfEntryPoint: file.addressOfEntryPoint, sizeOfImage: file.sizeOfImage,
            sections: file.sections)
        var budget = NameBudget(fileSize: file.reader.count)
        var slots: [ImportSlot] = []
        let imports =
            (read(.imports, into: &warnings) { notes throws(BinaryFormatError) in
                try file.imports(budget: &budget, notes: &notes, slots: &slots)
            } ?? [])
            + (read(.delayImports, into: &warnings) { notes throws(BinaryFormatError) in
                try file.delayImports(budget: &budget, notes: &notes, slots: &slots)
            } ?? [])
        info.importDetails = imports
        var seen = Set<String>()
        info.imports = imports.map(\.dll).filter { seen.insert($0).inserted }
        info.exports = read(.exports, into: &warnings) { notes throws(BinaryFormatError) in
            try file.exports(notes: &notes)
        }
        let loadConfig = read(.loadConfig, into: &warnings) { _ throws(BinaryFormatError) in try file.loadConfig() }
        info.loadConfigSize = loadConfig?.size
        info.hasCHPEMetadata = (loadConfig?.chpeMetadataPointer ?? 0) != 0
        info.hybrid = loadConfig?.hybrid
        info.hasARM64XRelocations = loadConfig?.hasARM64XRelocations ?? false
        info.clr = read(.clrHeader, into: &warnings) { _ throws(BinaryFormatError) in try file.clrHeader() }
        var functions: [FunctionRange] = []
        if options.codeDetails {
            functions =
                read(.exceptions, into: &warnings) { notes throws(BinaryFormatError) in
                    try file.exceptionFunctions(hybrid: info.hasCHPEMetadata, notes: &notes)
                } ?? []
        }
        info.exceptionFunctionCount = functions.count
        let resources = read(.resources, into: &warnings) { _ throws(BinaryFormatError) in try file.resourceRoot() }
        if let resources {
            info.version = read(.version, into: &warnings) { _ throws(BinaryFormatError) in
                try file.versionInfo(base: resources)
            }
            info.manifest = read(.manifest, into: &warnings) { _ throws(BinaryFormatError) in
                try file.manifest(base: resources)
            }
        }
        info.pdbPath = read(.debug, into: &warnings) { notes throws(BinaryFormatError) in
            try file.pdbPath(notes: &notes)
        }

        let execution = PEClassifier.execution(machine: file.machine, hybrid: info.hybrid, clr: info.clr)
        let kind = PEClassifier.kind(
            file: file, imports: imports, clr: info.clr, hasResources: file.directory(.resource) != nil)
        return BinaryImage(
            format: .pe, machine: UInt32(file.machine.rawValue), machineName: file.machine.name,
            execution: execution, kind: kind, bits: file.isPE32Plus ? 64 : 32, pe: info,
            code: codeLayout(
                file: file, info: info, functions: functions, codeDetails: options.codeDetails,
                entries: options.codeDetails ? codeEntries(file: file, info: info, slots: slots) : ([], [])),
            warnings: warnings)
    }

    /// Runs one structure's reader. Its notes (partial damage) and its error (the structure
    /// could not be read at all) become warnings naming `structure`.
    private static func read<T>(
        _ structure: ReadWarning.Structure, into warnings: inout [ReadWarning],
        _ body: (inout [String]) throws(BinaryFormatError) -> T?
    ) -> T? {
        var notes: [String] = []
        let value: T?
        do {
            value = try body(&notes)
        } catch {
            notes.append(error.description)
            value = nil
        }
        warnings += notes.map { ReadWarning(structure, $0) }
        return value
    }

    /// The executable sections, the `.pdata` functions, the exports as symbols, the code map,
    /// `entries` (roots and import slots), and for .NET images only their native code.
    private static func codeLayout(
        file: PEFile, info: PEInfo, functions: [FunctionRange], codeDetails: Bool,
        entries: (roots: [CodeRoot], importSlots: [ImportSlot])
    ) -> CodeLayout {
        var machine = file.machine
        if let decoded = info.clr?.readyToRunMachine { machine = PEMachine(rawValue: decoded) }
        let architecture: CodeArchitecture
        switch machine {
        case .amd64: architecture = .x64
        case .i386: architecture = .x86
        case .arm64: architecture = .arm64
        default: architecture = .other
        }
        var sections = file.sections.filter(\.isExecutable).compactMap { section -> CodeSection? in
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
        var sortedFunctions = functions.sorted { $0.start < $1.start }
        var source: FunctionSource? = sortedFunctions.isEmpty ? nil : .pdata
        var dataRanges: [FunctionRange] = []
        var sweeps = true
        if let clr = info.clr {
            if clr.ilOnly && !clr.readyToRun {
                // IL-only: no machine code but the loader's entry stub (`jmp [_CorExeMain]`).
                sections = entryStub(file: file, in: sections).map { [$0] } ?? []
                sortedFunctions = []
                source = nil
            } else if codeDetails {
                // Mixed-mode or ReadyToRun: native code shares `.text` with metadata and IL.
                dataRanges = file.clrDataRanges() + file.ilMethodBodies()
                if clr.readyToRun, let compiled = file.readyToRunFunctions(armLayout: architecture == .arm64),
                    !compiled.isEmpty
                {
                    sortedFunctions = compiled.sorted { $0.start < $1.start }
                    source = .readyToRun
                    sweeps = false
                }
            }
        }
        return CodeLayout(
            architecture: architecture, sections: sections, functions: sortedFunctions,
            functionSource: source, symbols: symbols,
            architectureRanges: info.hybrid?.codeMap ?? [], roots: entries.roots, importSlots: entries.importSlots,
            dataRanges: dataRanges, sweepsOutsideFunctions: sweeps)
    }

    /// The IL-only image's entry stub: at most `entryStubLength` bytes at the entry point,
    /// clipped to the code section that holds it; nil without an entry point (PE32+ .NET
    /// images have none).
    private static func entryStub(file: PEFile, in sections: [CodeSection]) -> CodeSection? {
        let entry = UInt64(file.addressOfEntryPoint)
        guard entry != 0,
            let section = sections.first(where: { entry >= $0.address && entry - $0.address < UInt64($0.fileSize) })
        else { return nil }
        let delta = Int(entry - section.address)
        return CodeSection(
            name: section.name, address: entry, fileOffset: section.fileOffset + delta,
            fileSize: min(entryStubLength, section.fileSize - delta))
    }

    /// Bytes decoded at an IL-only image's entry point: the stub is a 6-byte `jmp [import]`
    /// in PE32, a 12-byte `movabs rax, [import]; jmp rax` in mcs's PE32+ images.
    static let entryStubLength = 16
}
