/// The JSON shape of an image (the `inspect` contract in README): optional members are written
/// as `null` rather than dropped, and `code` is summarised (counts, not every function).
extension BinaryImage: Encodable {
    enum CodingKeys: String, CodingKey {
        case format, machine, machineName, execution, kind, bits, pe, elf, dos, code, warnings
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(machine, forKey: .machine)
        try c.encode(machineName, forKey: .machineName)
        try c.encode(execution, forKey: .execution)
        try c.encode(kind, forKey: .kind)
        try c.encode(bits, forKey: .bits)
        if let pe { try c.encode(pe, forKey: .pe) }
        if let elf { try c.encode(elf, forKey: .elf) }
        if let dos { try c.encode(dos, forKey: .dos) }
        try c.encode(CodeSummary(code), forKey: .code)
        try c.encode(warnings, forKey: .warnings)
    }
}

/// What JSON says about `CodeLayout`.
private struct CodeSummary: Encodable {
    let architecture: CodeArchitecture
    let sections: [CodeSection]
    let functionCount: Int
    @Nullable var functionSource: FunctionSource?
    let symbolCount: Int
    let rootCount: Int
    let importSlotCount: Int

    init(_ code: CodeLayout) {
        architecture = code.architecture
        sections = code.sections
        functionCount = code.functions.count
        functionSource = code.functionSource
        symbolCount = code.symbols.count
        rootCount = code.roots.count
        importSlotCount = code.importSlots.count
    }
}

extension PEInfo: Encodable {
    enum CodingKeys: String, CodingKey {
        case subsystem, subsystemName, isDLL, isPE32Plus, characteristics, dllCharacteristics
        case timeDateStamp, imageBase, addressOfEntryPoint, sizeOfImage, sections, imports
        case importDetails, exports, loadConfigSize, hasCHPEMetadata, hybrid, hasARM64XRelocations
        case nativeCodeShare, clr, exceptionFunctionCount, version, manifest, pdbPath
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subsystem, forKey: .subsystem)
        try c.encode(PESubsystem.name(subsystem), forKey: .subsystemName)
        try c.encode(isDLL, forKey: .isDLL)
        try c.encode(isPE32Plus, forKey: .isPE32Plus)
        try c.encode(characteristics, forKey: .characteristics)
        try c.encode(dllCharacteristics, forKey: .dllCharacteristics)
        try c.encode(timeDateStamp, forKey: .timeDateStamp)
        try c.encode(imageBase, forKey: .imageBase)
        try c.encode(addressOfEntryPoint, forKey: .addressOfEntryPoint)
        try c.encode(sizeOfImage, forKey: .sizeOfImage)
        try c.encode(sections, forKey: .sections)
        try c.encode(imports, forKey: .imports)
        try c.encode(importDetails, forKey: .importDetails)
        try c.encode(exports, forKey: .exports)
        try c.encode(loadConfigSize, forKey: .loadConfigSize)
        try c.encode(hasCHPEMetadata, forKey: .hasCHPEMetadata)
        try c.encode(hybrid, forKey: .hybrid)
        try c.encode(hasARM64XRelocations, forKey: .hasARM64XRelocations)
        try c.encode(nativeCodeShare, forKey: .nativeCodeShare)
        try c.encode(clr, forKey: .clr)
        try c.encode(exceptionFunctionCount, forKey: .exceptionFunctionCount)
        try c.encode(version, forKey: .version)
        try c.encode(manifest, forKey: .manifest)
        try c.encode(pdbPath, forKey: .pdbPath)
    }
}

extension CLRHeader {
    enum CodingKeys: String, CodingKey {
        case flags, ilOnly, requires32Bit, prefers32Bit, readyToRun, readyToRunMachine, readyToRunOS, runtimeVersion
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(flags, forKey: .flags)
        try c.encode(ilOnly, forKey: .ilOnly)
        try c.encode(requires32Bit, forKey: .requires32Bit)
        try c.encode(prefers32Bit, forKey: .prefers32Bit)
        try c.encode(readyToRun, forKey: .readyToRun)
        try c.encode(readyToRunMachine, forKey: .readyToRunMachine)
        try c.encode(readyToRunOS, forKey: .readyToRunOS)
        try c.encode(runtimeVersion, forKey: .runtimeVersion)
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            flags: try c.decode(UInt32.self, forKey: .flags),
            runtimeVersion: try c.decodeIfPresent(String.self, forKey: .runtimeVersion),
            readyToRun: try c.decode(Bool.self, forKey: .readyToRun),
            readyToRunMachine: try c.decodeIfPresent(UInt16.self, forKey: .readyToRunMachine),
            readyToRunOS: try c.decodeIfPresent(String.self, forKey: .readyToRunOS))
    }
}
