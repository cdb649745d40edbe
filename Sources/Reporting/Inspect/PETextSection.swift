import BinaryFormats

/// The PE part of `inspect`'s text output.
enum PETextSection {
    static func describe(_ pe: PEInfo, into lines: inout TextBlock) {
        lines.add("subsystem", "\(PESubsystem.name(pe.subsystem)) (\(pe.subsystem))")
        lines.add("characteristics", "\(hex(pe.characteristics))\(pe.isDLL ? " DLL" : "")")
        lines.add("dll characteristics", "\(hex(pe.dllCharacteristics))\(pe.isWDMDriver ? " WDM_DRIVER" : "")")
        lines.add("sections", pe.sections.map(\.name).joined(separator: " "))
        if let hybrid = pe.hybrid {
            var text = "\(hybrid.kind.rawValue), CHPE metadata version \(hybrid.version)"
            if let share = hybrid.nativeCodeShare {
                text += ", native code \(Int((share * 100).rounded()))%"
            }
            lines.add("hybrid", text)
            for range in hybrid.codeMap {
                lines.add(
                    "  code range",
                    "\(hex(range.start))-\(hex(range.start + range.size)) \(range.architecture.rawValue)")
            }
        }
        if pe.hasARM64XRelocations { lines.add("arm64x fixups", "present (dynamic value relocation table)") }
        for entry in pe.importDetails {
            let detail = "\(entry.functions.count) function\(entry.functions.count == 1 ? "" : "s")"
            lines.add(entry.delayLoad ? "delay import" : "import", "\(entry.dll) (\(detail))")
        }
        if let exports = pe.exports {
            let forwarders = exports.entries.filter { $0.forwarder != nil }.count
            var text = "\(exports.entries.count) (\(forwarders) forwarded)"
            if let name = exports.dllName { text += " as \(name)" }
            lines.add("exports", text)
        }
        if let clr = pe.clr {
            lines.add(
                ".NET",
                "flags \(hex(clr.flags)) \(clr.corFlagNames.joined(separator: " "))\(clr.runtimeVersion.map { ", runtime \($0)" } ?? "")"
            )
            if clr.readyToRun {
                let machine = clr.readyToRunMachine.map { PEMachine(rawValue: $0).name } ?? "unknown"
                lines.add("ReadyToRun", "\(machine) for \(clr.readyToRunOS ?? "unknown OS")")
            }
        }
        if let version = pe.version {
            let parts = [version.productName, version.companyName, version.fileVersion].compactMap { $0 }
                .filter { !$0.allSatisfy(\.isWhitespace) }
            if !parts.isEmpty { lines.add("version", parts.joined(separator: " · ")) }
        }
        if let architectures = pe.manifest?.supportedArchitectures {
            lines.add("manifest", "supportedArchitectures \(architectures.joined(separator: " "))")
        }
        if let pdb = pe.pdbPath { lines.add("pdb", pdb) }
    }
}

/// The ELF part of `inspect`'s text output.
enum ELFTextSection {
    static func describe(_ elf: ELFInfo, into lines: inout TextBlock) {
        lines.add("type", elf.type)
        lines.add("data", "\(elf.dataEncoding)-endian, OS/ABI \(elf.osABIName)")
        if elf.flags != 0 {
            lines.add("flags", hex(elf.flags) + (elf.armFloatABI.map { " (\($0)-float ABI)" } ?? ""))
        }
        if let interpreter = elf.interpreter { lines.add("interpreter", interpreter) }
        if let soname = elf.soname { lines.add("soname", soname) }
        if !elf.needed.isEmpty { lines.add("needed", elf.needed.joined(separator: ", ")) }
        if let buildID = elf.buildID { lines.add("build id", buildID) }
        if !elf.x86ISANeeded.isEmpty { lines.add("x86 ISA needed", elf.x86ISANeeded.joined(separator: ", ")) }
        if !elf.x86ISAUsed.isEmpty { lines.add("x86 ISA used", elf.x86ISAUsed.joined(separator: ", ")) }
        if !elf.x86Features.isEmpty { lines.add("x86 features", elf.x86Features.joined(separator: ", ")) }
        if !elf.aarch64Features.isEmpty { lines.add("aarch64 features", elf.aarch64Features.joined(separator: ", ")) }
        if !elf.ifuncSymbols.isEmpty || elf.irelativeRelocationCount > 0 {
            lines.add(
                "ifunc",
                Count.of(elf.ifuncSymbols.count, "symbol") + ", "
                    + Count.of(elf.irelativeRelocationCount, "IRELATIVE relocation"))
        }
    }
}
