/// The name of a fact, declared once with its type and meaning (`FactCatalog` lists them all).
///
/// Code that sets or reads a fact names it through one of these keys, so a misspelt name is a
/// compile error; rules, examples and target profiles name facts by their text, which the
/// loaders look up in `FactCatalog`.
package struct FactKey: Sendable, Hashable, CustomStringConvertible {
    /// The dotted name rules use (`isa.x86.dispatched`).
    package let name: String
    package let type: FactType
    /// One sentence for `Rules/README.md`'s fact table.
    package let doc: String

    init(_ name: String, _ type: FactType, _ doc: String) {
        self.name = name
        self.type = type
        self.doc = doc
    }

    package var description: String { name }
}

// The keys, in documentation order. Where each fact comes from: the readers' `BinaryImage`
// (through `FactsBuilder`), the instruction-set profile (`isa.*`, through `ISAFacts`),
// application-level analysis (`app.*`, `ApplicationAssessor`), the path (`file.*`), the selected
// target profile (`target.*`), and the evaluator itself (the derived `*.missing_*` facts).
extension FactKey {
    // image
    package static let format = FactKey("format", .string, "Container format: pe, elf, dos or not-binary.")
    package static let machine = FactKey("machine", .int, "Raw header machine: PE FileHeader.Machine or ELF e_machine.")
    package static let machineHex = FactKey("machine.hex", .string, "`machine` as 0x-prefixed hex, for messages.")
    package static let machineName = FactKey(
        "machine.name", .string, "Conventional machine name (AMD64, ARM64, AArch64, x86-64...).")
    package static let execution = FactKey(
        "execution", .string, "Readers' classification: arm64, arm64x, arm64ec, neutral, x64, x86, arm32, other.")
    package static let kind = FactKey(
        "kind", .string, "executable, library, driver, efi, dotnet, resource-only, object, core, dos, ne, lx, other.")
    package static let bits = FactKey("bits", .int, "16, 32 or 64; 0 when the format does not say.")
    package static let subsystem = FactKey(
        "subsystem", .int, "PE OptionalHeader.Subsystem (1 native, 2 GUI, 3 console, 10-13 EFI).")
    package static let imports = FactKey(
        "imports", .list, "Lower-case imported DLL names (PE, incl. delay-load) or DT_NEEDED (ELF).")
    package static let exports = FactKey("exports", .list, "Exported names (PE export directory).")
    package static let dosSignature = FactKey("dos.signature", .string, "For MZ files without PE: MZ, NE, LE or LX.")
    package static let damagedStructures = FactKey(
        "damaged_structures", .list,
        "Structures the reader could not read, or read in part, while it read the rest: optional-header, section-table, imports, delay-imports, exports, resources, version, manifest, load-config, clr-header, debug, exceptions; empty when none."
    )
    package static let damagedStructuresDetail = FactKey(
        "damaged_structures.detail", .string,
        "The reader's sentences about `damaged_structures` (`structure: what`), joined with `; `, for messages; absent when none."
    )

    // pe
    package static let peDll = FactKey("pe.dll", .bool, "IMAGE_FILE_DLL is set.")
    package static let peWdm = FactKey("pe.wdm", .bool, "IMAGE_DLLCHARACTERISTICS_WDM_DRIVER (0x2000) is set.")
    package static let pePe32plus = FactKey("pe.pe32plus", .bool, "The optional header is PE32+ (64-bit).")
    package static let peChpe = FactKey("pe.chpe", .bool, "The load config's CHPEMetadataPointer is set.")
    package static let hybridKind = FactKey("hybrid.kind", .string, "arm64ec, arm64x, x86-chpe, or none.")
    package static let hybridNativeShare = FactKey(
        "hybrid.native_share", .double, "Share (0-1) of the CHPE code map that is Arm64/Arm64EC/CHPE code.")
    package static let hybridNativePercent = FactKey(
        "hybrid.native_percent", .int, "`hybrid.native_share` as a whole percentage, for messages.")
    package static let hybridArm64xRelocations = FactKey(
        "hybrid.arm64x_relocations", .bool, "The dynamic value relocation table holds ARM64X fixups.")
    package static let manifestSupportedArchitectures = FactKey(
        "manifest.supported_architectures", .list,
        "Words of the manifest's supportedArchitectures element (empty without one).")

    // dotnet
    package static let dotnetPresent = FactKey("dotnet.present", .bool, "The PE has a CLR (COR20) header.")
    package static let dotnetIlonly = FactKey("dotnet.ilonly", .bool, "COMIMAGE_FLAGS_ILONLY.")
    package static let dotnetRequires32bit = FactKey("dotnet.requires32bit", .bool, "COMIMAGE_FLAGS_32BITREQUIRED.")
    package static let dotnetPrefers32bit = FactKey("dotnet.prefers32bit", .bool, "COMIMAGE_FLAGS_32BITPREFERRED.")
    package static let dotnetReadytorun = FactKey("dotnet.readytorun", .bool, "A ReadyToRun header is present.")
    package static let dotnetR2rMachine = FactKey(
        "dotnet.r2r_machine", .int, "ReadyToRun code machine with the OS-override XOR removed.")
    package static let dotnetR2rOs = FactKey(
        "dotnet.r2r_os", .string, "The OS the ReadyToRun machine override named (windows, linux, apple...).")
    package static let dotnetRuntimeVersion = FactKey(
        "dotnet.runtime_version", .string, "The metadata runtime version string (v4.0.30319...).")

    // elf
    package static let elfClass = FactKey("elf.class", .string, "ELF32 or ELF64.")
    package static let elfType = FactKey("elf.type", .string, "e_type as readelf names it: REL, EXEC, DYN, CORE.")
    package static let elfInterpreter = FactKey("elf.interpreter", .string, "PT_INTERP path.")
    package static let elfOsabi = FactKey("elf.osabi", .int, "EI_OSABI.")
    package static let elfFloatAbi = FactKey("elf.float_abi", .string, "EM_ARM only: hard or soft.")
    package static let elfX86IsaNeeded = FactKey(
        "elf.x86_isa_needed", .list, "GNU_PROPERTY_X86_ISA_1_NEEDED levels (x86-64-baseline, -v2, -v3, -v4).")
    package static let elfX86IsaUsed = FactKey("elf.x86_isa_used", .list, "GNU_PROPERTY_X86_ISA_1_USED levels.")
    package static let elfAarch64Features = FactKey(
        "elf.aarch64_features", .list, "GNU_PROPERTY_AARCH64_FEATURE_1_AND: bti, pac, gcs.")
    package static let elfAccelerator = FactKey(
        "elf.accelerator", .string,
        "The accelerator the code runs on instead of the CPU: `hexagon` for EM_QDSP6 (Qualcomm Hexagon DSP/NPU, e.g. a FastRPC or QNN skel library); `none` otherwise."
    )
    package static let elfIfunc = FactKey(
        "elf.ifunc", .bool, "STT_GNU_IFUNC symbols or IRELATIVE relocations: runtime dispatch.")

    // isa
    package static let isaX86 = FactKey(
        "isa.x86", .list, "x86 extensions the code requires (outside any runtime dispatch), lower-case.")
    package static let isaX86Dispatched = FactKey(
        "isa.x86.dispatched", .list, "x86 extensions found only behind runtime dispatch.")
    package static let isaX86Dispatch = FactKey(
        "isa.x86.dispatch", .bool, "Evidence of runtime dispatch (CPUID, XGETBV, IsProcessorFeaturePresent...).")
    package static let isaX86Unknown = FactKey(
        "isa.x86.unknown", .list,
        "x86 extensions only in code no entry point or export reaches (called through data the analysis does not follow), in a binary without any feature check."
    )
    package static let isaX86SweepOnly = FactKey(
        "isa.x86.sweep_only", .list,
        "x86 extensions found only by the linear sweep outside the code control flow reaches: evidence, never a requirement."
    )
    package static let isaX86CompiledFor = FactKey(
        "isa.x86.compiled_for", .string,
        "x86-64-v3 or x86-64-v4 when the code as a whole was compiled for that level (VEX scalar FP, BMI/LZCNT/MOVBE spread over its functions, outnumbering the functions that keep SSE-encoded FP/SIMD)."
    )
    package static let isaX86CompiledForPercent = FactKey(
        "isa.x86.compiled_for_percent", .int,
        "Percent of the functions (not dispatched, 8+ instructions) that show the x86-64-v3 level.")
    package static let isaX86UnknownMissingX64 = FactKey(
        "isa.x86.unknown_missing_x64", .list,
        "Derived: isa.x86.unknown minus target.x64_emulated_isa; absent when empty.")
    package static let isaX86X87Count = FactKey(
        "isa.x86.x87_count", .int, "Number of x87 floating-point instructions decoded.")
    package static let isaArm64 = FactKey(
        "isa.arm64", .list, "AArch64 extensions the code requires, lower-case (sve, sve2, sme, lse...).")
    package static let isaArm64Dispatched = FactKey(
        "isa.arm64.dispatched", .list, "AArch64 extensions found only behind runtime dispatch.")
    package static let isaArm64Dispatch = FactKey(
        "isa.arm64.dispatch", .bool, "Evidence of runtime dispatch (getauxval, IsProcessorFeaturePresent...).")
    package static let isaX86MissingX64 = FactKey(
        "isa.x86.missing_x64", .list, "Derived: isa.x86 minus target.x64_emulated_isa; absent when empty.")
    package static let isaX86MissingX86 = FactKey(
        "isa.x86.missing_x86", .list, "Derived: isa.x86 minus target.x86_emulated_isa; absent when empty.")
    package static let isaArm64Missing = FactKey(
        "isa.arm64.missing", .list, "Derived: isa.arm64 minus target.arm64_isa; absent when empty.")

    // app
    package static let appHost = FactKey(
        "app.host", .string, "Execution of the process that loads this library (arm64, arm64ec, x64, x86), when known.")
    package static let appName = FactKey(
        "app.name", .string, "Name of the application the binary belongs to, when known.")
    package static let appExecutables = FactKey(
        "app.executables", .list,
        "The execution of every executable in the binary's application (x64, arm64, ...), when known.")
    package static let appNugetArm64Asset = FactKey(
        "app.nuget_arm64_asset", .bool,
        "For a NuGet runtime asset (`file.nuget_rid`): the same package or publish folder holds the same file for a Windows Arm64 RID (`runtimes/win-arm64/...`)."
    )
    package static let appAcceleratorHost = FactKey(
        "app.accelerator_host", .string,
        "For an accelerator payload (`elf.accelerator`): the file name of the member of its application that loads it, the FastRPC stub named after it (`libQnnHtpV73Skel.so` → `QnnHtpV73Stub.dll`, `libQnnHtpV73Stub.so`); absent when there is none."
    )
    package static let fileName = FactKey(
        "file.name", .string, "The file's name, lower-case (`_core.cp312-win_amd64.pyd`).")
    package static let fileExtension = FactKey(
        "file.extension", .string,
        "The file name's extension, lower-case, without the dot (`pyd`, `node`, `dll`); empty when none.")
    package static let fileNugetRid = FactKey(
        "file.nuget_rid", .string,
        "The runtime identifier folder of a NuGet runtime asset (`runtimes/<rid>/native/` or `runtimes/<rid>/lib/<tfm>/`), lower-case: `win-x64`, `win10-arm64`; absent elsewhere."
    )

    // target
    package static let targetName = FactKey("target.name", .string, "The target profile's name.")
    package static let targetDescription = FactKey("target.description", .string, "One line about the target.")
    package static let targetX64Emulation = FactKey(
        "target.x64_emulation", .bool, "x64 user-mode code runs under emulation.")
    package static let targetX86Emulation = FactKey(
        "target.x86_emulation", .bool, "x86 (WOW64) user-mode code runs under emulation.")
    package static let targetKernelEmulation = FactKey(
        "target.kernel_emulation", .bool, "Kernel-mode x64/x86 code can run (never on Windows on Arm).")
    package static let targetArm32 = FactKey("target.arm32", .bool, "32-bit Arm code can run.")
    package static let targetArm64ec = FactKey("target.arm64ec", .bool, "Arm64EC images load (Windows 11).")
    package static let targetWslX8664Emulation = FactKey(
        "target.wsl_x86_64_emulation", .bool, "x86/x86-64 ELF runs in WSL2 (qemu-user/box64 binfmt set up).")
    package static let targetX64EmulatedIsa = FactKey(
        "target.x64_emulated_isa", .list, "x86 extensions the emulator exposes to x64 processes.")
    package static let targetX86EmulatedIsa = FactKey(
        "target.x86_emulated_isa", .list, "x86 extensions the emulator exposes to x86 processes by default.")
    package static let targetArm64Isa = FactKey("target.arm64_isa", .list, "AArch64 extensions the CPU implements.")
    package static let targetWindowsBuild = FactKey(
        "target.windows_build", .int,
        "The Windows build the target runs (26100 is 24H2); optional in a profile, and without it no package minimum is compared."
    )
}
