/// The documented list of every fact name a rule may use, with its type and meaning.
///
/// Rules, examples, message placeholders and target profiles that name a fact not listed
/// here fail to load, so a typo never silently turns a rule off. Where each fact comes from:
/// the readers' `BinaryImage` (through `FactsBuilder`), the instruction-set profile (`isa.*`),
/// application-level analysis (`app.*`), the selected target profile (`target.*`), and the
/// evaluator itself (the derived `*.missing_*` facts).
package enum FactCatalog {
    package struct Entry: Sendable, Equatable {
        package var name: String
        package var type: FactType
        package var doc: String
    }

    /// Every known fact, in documentation order.
    package static let entries: [Entry] = image + pe + dotnet + elf + isa + app + target

    /// Looks up a fact by name.
    package static func entry(_ name: String) -> Entry? { index[name] }

    private static let index: [String: Entry] = Dictionary(
        entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    private static let image: [Entry] = [
        .init(name: "format", type: .string, doc: "Container format: pe, elf, dos or not-binary."),
        .init(name: "machine", type: .int, doc: "Raw header machine: PE FileHeader.Machine or ELF e_machine."),
        .init(name: "machine.hex", type: .string, doc: "`machine` as 0x-prefixed hex, for messages."),
        .init(name: "machine.name", type: .string, doc: "Conventional machine name (AMD64, ARM64, AArch64, x86-64...)."),
        .init(name: "execution", type: .string, doc: "Readers' classification: arm64, arm64x, arm64ec, neutral, x64, x86, arm32, other."),
        .init(
            name: "kind", type: .string, doc: "executable, library, driver, efi, dotnet, resource-only, object, core, dos, ne, lx, other."),
        .init(name: "bits", type: .int, doc: "16, 32 or 64; 0 when the format does not say."),
        .init(name: "subsystem", type: .int, doc: "PE OptionalHeader.Subsystem (1 native, 2 GUI, 3 console, 10-13 EFI)."),
        .init(name: "imports", type: .list, doc: "Lower-case imported DLL names (PE, incl. delay-load) or DT_NEEDED (ELF)."),
        .init(name: "exports", type: .list, doc: "Exported names (PE export directory)."),
        .init(name: "dos.signature", type: .string, doc: "For MZ files without PE: MZ, NE, LE or LX."),
    ]

    private static let pe: [Entry] = [
        .init(name: "pe.dll", type: .bool, doc: "IMAGE_FILE_DLL is set."),
        .init(name: "pe.wdm", type: .bool, doc: "IMAGE_DLLCHARACTERISTICS_WDM_DRIVER (0x2000) is set."),
        .init(name: "pe.pe32plus", type: .bool, doc: "The optional header is PE32+ (64-bit)."),
        .init(name: "pe.chpe", type: .bool, doc: "The load config's CHPEMetadataPointer is set."),
        .init(name: "hybrid.kind", type: .string, doc: "arm64ec, arm64x, x86-chpe, or none."),
        .init(name: "hybrid.native_share", type: .double, doc: "Share (0-1) of the CHPE code map that is Arm64/Arm64EC/CHPE code."),
        .init(name: "hybrid.native_percent", type: .int, doc: "`hybrid.native_share` as a whole percentage, for messages."),
        .init(name: "hybrid.arm64x_relocations", type: .bool, doc: "The dynamic value relocation table holds ARM64X fixups."),
        .init(
            name: "manifest.supported_architectures", type: .list,
            doc: "Words of the manifest's supportedArchitectures element (empty without one)."),
    ]

    private static let dotnet: [Entry] = [
        .init(name: "dotnet.present", type: .bool, doc: "The PE has a CLR (COR20) header."),
        .init(name: "dotnet.ilonly", type: .bool, doc: "COMIMAGE_FLAGS_ILONLY."),
        .init(name: "dotnet.requires32bit", type: .bool, doc: "COMIMAGE_FLAGS_32BITREQUIRED."),
        .init(name: "dotnet.prefers32bit", type: .bool, doc: "COMIMAGE_FLAGS_32BITPREFERRED."),
        .init(name: "dotnet.readytorun", type: .bool, doc: "A ReadyToRun header is present."),
        .init(name: "dotnet.r2r_machine", type: .int, doc: "ReadyToRun code machine with the OS-override XOR removed."),
        .init(name: "dotnet.r2r_os", type: .string, doc: "The OS the ReadyToRun machine override named (windows, linux, apple...)."),
        .init(name: "dotnet.runtime_version", type: .string, doc: "The metadata runtime version string (v4.0.30319...)."),
    ]

    private static let elf: [Entry] = [
        .init(name: "elf.class", type: .string, doc: "ELF32 or ELF64."),
        .init(name: "elf.type", type: .string, doc: "e_type as readelf names it: REL, EXEC, DYN, CORE."),
        .init(name: "elf.interpreter", type: .string, doc: "PT_INTERP path."),
        .init(name: "elf.osabi", type: .int, doc: "EI_OSABI."),
        .init(name: "elf.float_abi", type: .string, doc: "EM_ARM only: hard or soft."),
        .init(name: "elf.x86_isa_needed", type: .list, doc: "GNU_PROPERTY_X86_ISA_1_NEEDED levels (x86-64-baseline, -v2, -v3, -v4)."),
        .init(name: "elf.x86_isa_used", type: .list, doc: "GNU_PROPERTY_X86_ISA_1_USED levels."),
        .init(name: "elf.aarch64_features", type: .list, doc: "GNU_PROPERTY_AARCH64_FEATURE_1_AND: bti, pac, gcs."),
        .init(name: "elf.ifunc", type: .bool, doc: "STT_GNU_IFUNC symbols or IRELATIVE relocations: runtime dispatch."),
    ]

    private static let isa: [Entry] = [
        .init(name: "isa.x86", type: .list, doc: "x86 extensions the code requires (outside any runtime dispatch), lower-case."),
        .init(name: "isa.x86.dispatched", type: .list, doc: "x86 extensions found only behind runtime dispatch."),
        .init(name: "isa.x86.dispatch", type: .bool, doc: "Evidence of runtime dispatch (CPUID, XGETBV, IsProcessorFeaturePresent...)."),
        .init(name: "isa.x86.x87_count", type: .int, doc: "Number of x87 floating-point instructions decoded."),
        .init(name: "isa.arm64", type: .list, doc: "AArch64 extensions the code requires, lower-case (sve, sve2, sme, lse...)."),
        .init(name: "isa.arm64.dispatched", type: .list, doc: "AArch64 extensions found only behind runtime dispatch."),
        .init(name: "isa.arm64.dispatch", type: .bool, doc: "Evidence of runtime dispatch (getauxval, IsProcessorFeaturePresent...)."),
        .init(name: "isa.x86.missing_x64", type: .list, doc: "Derived: isa.x86 minus target.x64_emulated_isa; absent when empty."),
        .init(name: "isa.x86.missing_x86", type: .list, doc: "Derived: isa.x86 minus target.x86_emulated_isa; absent when empty."),
        .init(name: "isa.arm64.missing", type: .list, doc: "Derived: isa.arm64 minus target.arm64_isa; absent when empty."),
    ]

    private static let app: [Entry] = [
        .init(
            name: "app.host", type: .string, doc: "Execution of the process that loads this library (arm64, arm64ec, x64, x86), when known."
        ),
        .init(name: "app.name", type: .string, doc: "Name of the application the binary belongs to, when known."),
        .init(name: "app.executables", type: .list, doc: "The execution of every executable in the binary's application (x64, arm64, ...), when known."),
        .init(
            name: "app.nuget_arm64_asset", type: .bool,
            doc: "For a NuGet runtime asset (`file.nuget_rid`): the same package or publish folder holds the same file for a Windows Arm64 RID (`runtimes/win-arm64/...`)."
        ),
        .init(name: "file.name", type: .string, doc: "The file's name, lower-case (`_core.cp312-win_amd64.pyd`)."),
        .init(name: "file.extension", type: .string, doc: "The file name's extension, lower-case, without the dot (`pyd`, `node`, `dll`); empty when none."),
        .init(
            name: "file.nuget_rid", type: .string,
            doc: "The runtime identifier folder of a NuGet runtime asset (`runtimes/<rid>/native/` or `runtimes/<rid>/lib/<tfm>/`), lower-case: `win-x64`, `win10-arm64`; absent elsewhere."
        ),
    ]

    private static let target: [Entry] = [
        .init(name: "target.name", type: .string, doc: "The target profile's name."),
        .init(name: "target.description", type: .string, doc: "One line about the target."),
        .init(name: "target.x64_emulation", type: .bool, doc: "x64 user-mode code runs under emulation."),
        .init(name: "target.x86_emulation", type: .bool, doc: "x86 (WOW64) user-mode code runs under emulation."),
        .init(name: "target.kernel_emulation", type: .bool, doc: "Kernel-mode x64/x86 code can run (never on Windows on Arm)."),
        .init(name: "target.arm32", type: .bool, doc: "32-bit Arm code can run."),
        .init(name: "target.arm64ec", type: .bool, doc: "Arm64EC images load (Windows 11)."),
        .init(name: "target.wsl_x86_64_emulation", type: .bool, doc: "x86/x86-64 ELF runs in WSL2 (qemu-user/box64 binfmt set up)."),
        .init(name: "target.x64_emulated_isa", type: .list, doc: "x86 extensions the emulator exposes to x64 processes."),
        .init(name: "target.x86_emulated_isa", type: .list, doc: "x86 extensions the emulator exposes to x86 processes by default."),
        .init(name: "target.arm64_isa", type: .list, doc: "AArch64 extensions the CPU implements."),
    ]
}
