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
        return try readPE(PEFile(reader: reader, peOffset: peOffset), options: options)
    }

    private static func dosImage(signature: String, newHeader: UInt32?) -> BinaryImage {
        let kind: BinaryKind = signature == "NE" ? .ne : signature == "MZ" ? .dos : .lx
        return BinaryImage(
            format: .dos, machine: 0, machineName: signature == "MZ" ? "DOS" : signature,
            execution: .other, kind: kind, bits: signature == "NE" || signature == "MZ" ? 16 : 32,
            dos: DOSInfo(signature: signature, newHeaderOffset: newHeader))
    }

    private static func readPE(_ file: PEFile, options: ReadOptions) throws(BinaryFormatError) -> BinaryImage {
        var info = PEInfo(
            isPE32Plus: file.isPE32Plus, characteristics: file.characteristics,
            timeDateStamp: file.timeDateStamp, subsystem: file.subsystem,
            dllCharacteristics: file.dllCharacteristics, imageBase: file.imageBase,
            addressOfEntryPoint: file.addressOfEntryPoint, sizeOfImage: file.sizeOfImage,
            sections: file.sections)
        let imports = try file.imports()
        info.importDetails = imports
        var seen = Set<String>()
        info.imports = imports.map(\.dll).filter { seen.insert($0).inserted }
        info.exports = try file.exports()
        let loadConfig = try file.loadConfig()
        info.loadConfigSize = loadConfig?.size
        info.hasCHPEMetadata = (loadConfig?.chpeMetadataPointer ?? 0) != 0
        info.hybrid = loadConfig?.hybrid
        info.hasARM64XRelocations = loadConfig?.hasARM64XRelocations ?? false
        info.clr = try file.clrHeader()
        let functions = options.codeDetails ? file.exceptionFunctions(hybrid: info.hasCHPEMetadata) : []
        info.exceptionFunctionCount = functions.count
        info.version = file.versionInfo()
        info.manifest = file.manifest()
        info.pdbPath = file.pdbPath()

        let execution = PEClassifier.execution(machine: file.machine, hybrid: info.hybrid, clr: info.clr)
        let kind = PEClassifier.kind(
            file: file, imports: imports, clr: info.clr, hasResources: file.directory(.resource) != nil)
        return BinaryImage(
            format: .pe, machine: UInt32(file.machine.rawValue), machineName: file.machine.name,
            execution: execution, kind: kind, bits: file.isPE32Plus ? 64 : 32, pe: info,
            code: codeLayout(file: file, info: info, functions: functions))
    }

    private static func codeLayout(file: PEFile, info: PEInfo, functions: [FunctionRange]) -> CodeLayout {
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
            architectureRanges: info.hybrid?.codeMap ?? [])
    }
}
