import BinaryFormats

/// Maps the readers' `BinaryImage` to the flat `Facts` that rules see.
///
/// Facts for a format are always present for that format, with `false` or an empty list when
/// the binary lacks the feature (a PE without a CLR header has `dotnet.present = false`), so
/// a rule can test for absence without `exists`. Facts of another format are absent.
package enum FactsBuilder {
    /// Builds the facts for one binary.
    ///
    /// - Parameters:
    ///   - image: what the readers found.
    ///   - isa: the instruction-set facts (`isa.x86`, `isa.x86.dispatched`, `isa.x86.dispatch`,
    ///     `isa.arm64`, ...). Passed as plain facts for now so this module does not depend on
    ///     the InstructionSets types yet; list values are lower-cased and de-duplicated.
    /// - Returns: the facts, without `target.*` (the evaluator adds those).
    package static func facts(for image: BinaryImage, isa: [String: FactValue] = [:]) -> Facts {
        var facts = Facts()
        facts["format"] = .string(image.format.rawValue)
        facts["machine"] = .int(Int(image.machine))
        facts["machine.hex"] = .string("0x" + String(image.machine, radix: 16, uppercase: true))
        facts["machine.name"] = .string(image.machineName)
        facts["execution"] = .string(image.execution.rawValue)
        facts["kind"] = .string(image.kind.rawValue)
        facts["bits"] = .int(image.bits)
        if let pe = image.pe { addPE(pe, to: &facts) }
        if let elf = image.elf { addELF(elf, to: &facts) }
        if let dos = image.dos { facts["dos.signature"] = .string(dos.signature) }
        for (name, value) in isa {
            if case .list(let items) = value {
                facts[name] = .set(items.map { $0.lowercased() })
            } else {
                facts[name] = value
            }
        }
        return facts
    }

    /// The `file.*` facts for a binary found at `path` (any `/`-separated path).
    package static func fileFacts(path: String) -> [String: FactValue] {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let dot = name.lastIndex(of: ".")
        let fileExtension = dot.map { String(name[name.index(after: $0)...]) } ?? ""
        var facts: [String: FactValue] = ["file.name": .string(name), "file.extension": .string(fileExtension)]
        if let asset = NuGetAssetPath(path) { facts["file.nuget_rid"] = .string(asset.rid) }
        return facts
    }

    private static func addPE(_ pe: PEInfo, to facts: inout Facts) {
        facts["subsystem"] = .int(Int(pe.subsystem))
        facts["imports"] = .set(pe.imports.map { $0.lowercased() })
        facts["exports"] = .set(pe.exports?.entries.compactMap(\.name) ?? [])
        facts["pe.dll"] = .bool(pe.isDLL)
        facts["pe.wdm"] = .bool(pe.isWDMDriver)
        facts["pe.pe32plus"] = .bool(pe.isPE32Plus)
        facts["pe.chpe"] = .bool(pe.hasCHPEMetadata)
        facts["hybrid.kind"] = .string(pe.hybrid?.kind.rawValue ?? "none")
        facts["hybrid.arm64x_relocations"] = .bool(pe.hasARM64XRelocations)
        if let share = pe.nativeCodeShare {
            facts["hybrid.native_share"] = .double(share)
            if let percent = Int(exactly: (share * 100).rounded()) { facts["hybrid.native_percent"] = .int(percent) }
        }
        facts["manifest.supported_architectures"] = .set(
            (pe.manifest?.supportedArchitectures ?? []).map { $0.lowercased() })
        let clr = pe.clr
        facts["dotnet.present"] = .bool(clr != nil)
        facts["dotnet.ilonly"] = .bool(clr?.ilOnly ?? false)
        facts["dotnet.requires32bit"] = .bool(clr?.requires32Bit ?? false)
        facts["dotnet.prefers32bit"] = .bool(clr?.prefers32Bit ?? false)
        facts["dotnet.readytorun"] = .bool(clr?.readyToRun ?? false)
        if let machine = clr?.readyToRunMachine { facts["dotnet.r2r_machine"] = .int(Int(machine)) }
        if let os = clr?.readyToRunOS { facts["dotnet.r2r_os"] = .string(os) }
        if let version = clr?.runtimeVersion { facts["dotnet.runtime_version"] = .string(version) }
    }

    private static func addELF(_ elf: ELFInfo, to facts: inout Facts) {
        facts["imports"] = .set(elf.needed)
        facts["elf.class"] = .string(elf.elfClass)
        facts["elf.type"] = .string(elf.type)
        if let interpreter = elf.interpreter { facts["elf.interpreter"] = .string(interpreter) }
        facts["elf.osabi"] = .int(Int(elf.osABI))
        if let floatABI = elf.armFloatABI { facts["elf.float_abi"] = .string(floatABI) }
        facts["elf.x86_isa_needed"] = .set(elf.x86ISANeeded)
        facts["elf.x86_isa_used"] = .set(elf.x86ISAUsed)
        facts["elf.aarch64_features"] = .set(elf.aarch64Features)
        facts["elf.ifunc"] = .bool(elf.usesIFUNC)
    }
}
