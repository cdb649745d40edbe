/// One file being read: the checked header, libelf's handle, and the section and segment tables.
struct ELFContext {
    let reader: ByteReader
    let check: ELFHeaderCheck
    let handle: ELFHandle
    let header: ELFRawHeader
    let segments: [ELFRawSegment]
    let sections: [ELFRawSection]
    /// Section names, parallel to `sections` ("" when the name cannot be read).
    let sectionNames: [String]

    init(bytes: UnsafeRawBufferPointer, check: ELFHeaderCheck, handle: ELFHandle) throws(BinaryFormatError) {
        reader = ByteReader(bytes, littleEndian: !check.bigEndian)
        self.check = check
        self.handle = handle
        header = try handle.header()
        // libelf resolves PN_XNUM and e_shnum == 0 itself; the checked counts bound its answers.
        let phnum = min(try handle.programHeaderCount(), check.programHeaderCount)
        var segments: [ELFRawSegment] = []
        segments.reserveCapacity(phnum)
        for index in 0..<phnum { segments.append(try handle.segment(index)) }
        self.segments = segments
        let shnum = check.sectionCount == 0 ? 0 : min(try handle.sectionCount(), check.sectionCount)
        var sections: [ELFRawSection] = []
        sections.reserveCapacity(shnum)
        for index in 0..<shnum { sections.append(try handle.section(index)) }
        self.sections = sections
        var names = [String](repeating: "", count: shnum)
        let nameIndex = check.sectionNameTableIndex
        if nameIndex > 0, nameIndex < shnum,
            let table = ELFStringTable(
                reader: reader, offset: sections[nameIndex].offset, size: sections[nameIndex].fileSize)
        {
            for index in 0..<shnum { names[index] = table.string(at: UInt64(sections[index].nameOffset)) ?? "" }
        }
        sectionNames = names
    }

    /// Builds the image: header facts, dynamic section, notes, symbols and code layout.
    /// Without `codeDetails` the symbol tables, `.eh_frame`, relocations and initializer arrays
    /// are not read (no roots or import slots then).
    func image(codeDetails: Bool = true) throws(BinaryFormatError) -> BinaryImage {
        let interpreter = try self.interpreter()
        let dynamic = try self.dynamic()
        let notes = self.notes()
        let tables = codeDetails ? symbolTables() : ELFSymbolTables()
        let symbols = codeDetails ? self.symbols(tables) : ELFSymbolSummary()
        let entries = codeDetails ? codeEntries(tables, dynamic: dynamic) : ELFCodeEntries()
        var info = ELFInfo(
            elfClass: check.is64Bit ? "ELF64" : "ELF32", dataEncoding: check.bigEndian ? "big" : "little",
            type: ELFMachine.typeName(header.type), flags: header.flags, osABI: header.osABI,
            osABIName: ELFMachine.osABIName(header.osABI), entry: header.entry, interpreter: interpreter,
            needed: dynamic.needed, soname: dynamic.soname, runpath: dynamic.runpath, buildID: notes.buildID,
            x86ISANeeded: notes.x86ISANeeded, x86ISAUsed: notes.x86ISAUsed, x86Features: notes.x86Features,
            x86Features2Used: notes.x86Features2Used, aarch64Features: notes.aarch64Features,
            functionSymbolCount: symbols.functionCount, ifuncSymbols: symbols.ifuncs,
            irelativeRelocationCount: entries.irelativeCount, importedSymbols: symbols.imports)
        if header.machine == ELFConstant.emARM {
            if header.flags & ELFConstant.efARMABIFloatHard != 0 {
                info.armFloatABI = "hard"
            } else if header.flags & ELFConstant.efARMABIFloatSoft != 0 {
                info.armFloatABI = "soft"
            }
            info.armEABIVersion = Int((header.flags & ELFConstant.efARMEABIMask) >> 24)
        }
        var code = CodeLayout(architecture: ELFMachine.architecture(header.machine))
        for (index, section) in sections.enumerated() {
            let name = sectionNames[index]
            info.sections.append(
                ELFSection(
                    name: name, type: section.type, flags: section.flags, address: section.address,
                    offset: section.offset, size: section.size))
            guard section.flags & ELFConstant.shfExecinstr != 0 else { continue }
            info.executableSections.append(name)
            // Only the part of the section that lies inside the file is code to decode.
            var inFile: UInt64 = 0
            if section.offset < UInt64(reader.count) {
                inFile = min(section.fileSize, UInt64(reader.count) - section.offset)
            }
            code.sections.append(
                CodeSection(
                    name: name, address: section.address, fileOffset: inFile == 0 ? 0 : Int(section.offset),
                    fileSize: Int(inFile)))
        }
        code.symbols = symbols.named
        code.roots = entries.roots
        code.importSlots = entries.importSlots
        // `.symtab` covers every function. A stripped file keeps only `.dynsym`, which lists the
        // exported few; its `.eh_frame` then usually covers far more code, so the larger wins.
        let frames = !codeDetails || (symbols.fromSymtab && !symbols.functions.isEmpty) ? nil : ehFrameFunctions()
        if let frames, frames.count > symbols.functions.count {
            code.functions = frames
            code.functionSource = .ehFrame
        } else if !symbols.functions.isEmpty {
            code.functions = symbols.functions
            code.functionSource = .symbols
        }
        return BinaryImage(
            format: .elf, machine: UInt32(header.machine), machineName: ELFMachine.name(header.machine),
            execution: ELFMachine.execution(header.machine),
            kind: ELFMachine.kind(
                type: header.type, hasInterpreter: interpreter != nil,
                pieFlag: dynamic.flags1 & ELFConstant.df1PIE != 0,
                hasSoname: dynamic.soname != nil),
            bits: check.is64Bit ? 64 : 32, elf: info, code: code)
    }

    /// The path in `PT_INTERP`, read up to its NUL or the segment's end.
    func interpreter() throws(BinaryFormatError) -> String? {
        guard let segment = segments.first(where: { $0.type == ELFConstant.ptInterp }) else { return nil }
        guard let offset = Int(exactly: segment.offset), let size = Int(exactly: segment.fileSize) else {
            throw .pointsPastEnd(field: "PT_INTERP p_offset", value: segment.offset, fileSize: reader.count)
        }
        let bytes = try reader.slice(at: offset, length: min(size, ReadLimits.maxStringLength), "PT_INTERP")
        let text = bytes.prefix { $0 != 0 }
        return String(decoding: text, as: UTF8.self)
    }

    /// The executable's `.eh_frame` FDE ranges, nil when absent or unreadable.
    func ehFrameFunctions() -> [FunctionRange]? {
        guard let index = sectionNames.firstIndex(of: ".eh_frame"), sections[index].fileSize > 0 else { return nil }
        let section = sections[index]
        return try? ELFEHFrame.functions(
            reader, offset: section.offset, size: section.fileSize, address: section.address, is64Bit: check.is64Bit)
    }
}
