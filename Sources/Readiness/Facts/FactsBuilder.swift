import BinaryFormats
import InstructionSets

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
    ///   - profile: the image's code profile, when its code was decoded; it adds the `isa.*`
    ///     facts (`ISAFacts`).
    /// - Returns: the facts, without `file.*`, `app.*` and `target.*` (the scan, the
    ///   application stage and the evaluator add those).
    package static func facts(for image: BinaryImage, profile: ISAProfile? = nil) -> Facts {
        var facts = Facts()
        facts[.format] = .string(image.format.rawValue)
        facts[.machine] = .int(Int(image.machine))
        facts[.machineHex] = .string("0x" + String(image.machine, radix: 16, uppercase: true))
        facts[.machineName] = .string(image.machineName)
        facts[.execution] = .string(image.execution.rawValue)
        facts[.kind] = .string(image.kind.rawValue)
        facts[.bits] = .int(image.bits)
        facts[.damagedStructures] = .set(image.warnings.map(\.structure.rawValue))
        if !image.warnings.isEmpty {
            facts[.damagedStructuresDetail] = .string(image.warnings.map(\.description).joined(separator: "; "))
        }
        if let pe = image.pe { addPE(pe, to: &facts) }
        if let elf = image.elf {
            addELF(elf, to: &facts)
            facts[.elfAccelerator] = .string(accelerator(machine: image.machine))
        }
        if let dos = image.dos { facts[.dosSignature] = .string(dos.signature) }
        guard let profile else { return facts }
        return facts.merging(ISAFacts.facts(for: profile, image: image))
    }

    /// The `file.*` facts for a binary found at `path` (any `/`-separated path).
    package static func fileFacts(path: String) -> Facts {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let dot = name.lastIndex(of: ".")
        let fileExtension = dot.map { String(name[name.index(after: $0)...]) } ?? ""
        var facts = Facts()
        facts[.fileName] = .string(name)
        facts[.fileExtension] = .string(fileExtension)
        if let asset = NuGetAssetPath(path) { facts[.fileNugetRid] = .string(asset.rid) }
        return facts
    }

    private static func addPE(_ pe: PEInfo, to facts: inout Facts) {
        facts[.subsystem] = .int(Int(pe.subsystem))
        facts[.imports] = .set(pe.imports.map { $0.lowercased() })
        facts[.exports] = .set(pe.exports?.entries.compactMap(\.name) ?? [])
        facts[.peDll] = .bool(pe.isDLL)
        facts[.peWdm] = .bool(pe.isWDMDriver)
        facts[.pePe32plus] = .bool(pe.isPE32Plus)
        facts[.peChpe] = .bool(pe.hasCHPEMetadata)
        facts[.hybridKind] = .string(pe.hybrid?.kind.rawValue ?? "none")
        facts[.hybridArm64xRelocations] = .bool(pe.hasARM64XRelocations)
        if let share = pe.nativeCodeShare {
            facts[.hybridNativeShare] = .double(share)
            if let percent = Int(exactly: (share * 100).rounded()) { facts[.hybridNativePercent] = .int(percent) }
        }
        facts[.manifestSupportedArchitectures] = .set(
            (pe.manifest?.supportedArchitectures ?? []).map { $0.lowercased() })
        let clr = pe.clr
        facts[.dotnetPresent] = .bool(clr != nil)
        facts[.dotnetIlonly] = .bool(clr?.ilOnly ?? false)
        facts[.dotnetRequires32bit] = .bool(clr?.requires32Bit ?? false)
        facts[.dotnetPrefers32bit] = .bool(clr?.prefers32Bit ?? false)
        facts[.dotnetReadytorun] = .bool(clr?.readyToRun ?? false)
        if let machine = clr?.readyToRunMachine { facts[.dotnetR2rMachine] = .int(Int(machine)) }
        if let os = clr?.readyToRunOS { facts[.dotnetR2rOs] = .string(os) }
        if let version = clr?.runtimeVersion { facts[.dotnetRuntimeVersion] = .string(version) }
    }

    /// The accelerator an ELF machine names. EM_QDSP6 (164, glibc `elf.h`) is the Hexagon DSP
    /// whose HTP is the Snapdragon NPU: its libraries run there, loaded over FastRPC by a
    /// CPU-side stub, never on the CPU (quic/fastrpc README).
    private static func accelerator(machine: UInt32) -> String {
        machine == 164 ? "hexagon" : "none"
    }

    private static func addELF(_ elf: ELFInfo, to facts: inout Facts) {
        facts[.imports] = .set(elf.needed)
        facts[.elfClass] = .string(elf.elfClass)
        facts[.elfType] = .string(elf.type)
        if let interpreter = elf.interpreter { facts[.elfInterpreter] = .string(interpreter) }
        facts[.elfOsabi] = .int(Int(elf.osABI))
        if let floatABI = elf.armFloatABI { facts[.elfFloatAbi] = .string(floatABI) }
        facts[.elfX86IsaNeeded] = .set(elf.x86ISANeeded)
        facts[.elfX86IsaUsed] = .set(elf.x86ISAUsed)
        facts[.elfAarch64Features] = .set(elf.aarch64Features)
        facts[.elfIfunc] = .bool(elf.usesIFUNC)
    }
}
