/// The documented list of every fact a rule may use, with its type and meaning.
///
/// Rules, examples, message placeholders and target profiles that name a fact not listed
/// here fail to load, so a typo never silently turns a rule off. `Rules/README.md`'s fact table
/// is generated from this list (a test keeps the two equal).
package enum FactCatalog {
    /// The documentation groups, in order, with their keys.
    package static let groups: [(title: String, keys: [FactKey])] = [
        (
            "Image",
            [
                .format, .machine, .machineHex, .machineName, .execution, .kind, .bits, .subsystem, .imports, .exports,
                .dosSignature, .damagedStructures, .damagedStructuresDetail,
            ]
        ),
        (
            "PE",
            [
                .peDll, .peWdm, .pePe32plus, .peChpe, .hybridKind, .hybridNativeShare, .hybridNativePercent,
                .hybridArm64xRelocations, .manifestSupportedArchitectures,
            ]
        ),
        (
            ".NET",
            [
                .dotnetPresent, .dotnetIlonly, .dotnetRequires32bit, .dotnetPrefers32bit, .dotnetReadytorun,
                .dotnetR2rMachine, .dotnetR2rOs, .dotnetRuntimeVersion,
            ]
        ),
        (
            "ELF",
            [
                .elfClass, .elfType, .elfInterpreter, .elfOsabi, .elfFloatAbi, .elfX86IsaNeeded, .elfX86IsaUsed,
                .elfAarch64Features, .elfIfunc, .elfAccelerator,
            ]
        ),
        (
            "Instruction sets",
            [
                .isaX86, .isaX86Dispatched, .isaX86Dispatch, .isaX86Unknown, .isaX86SweepOnly, .isaX86CompiledFor,
                .isaX86CompiledForPercent, .isaX86X87Count, .isaArm64, .isaArm64Dispatched, .isaArm64Dispatch,
                .isaX86MissingX64, .isaX86MissingX86, .isaX86UnknownMissingX64, .isaArm64Missing,
            ]
        ),
        (
            "Application and file",
            [
                .appHost, .appName, .appExecutables, .appNugetArm64Asset, .appAcceleratorHost, .fileName,
                .fileExtension, .fileNugetRid,
            ]
        ),
        (
            "Packages and installers",
            [
                .packageKind, .packageName, .packageDeclaredArchitectures, .packageMinWindowsBuild,
                .packageMinWindowsBuildAboveTarget, .msiTemplate, .msiPlatform, .msiLaunchConditions,
                .msiLaunchConditionExcludingArm64,
                .installerEngine, .installerVersion, .installerPayloadExamined,
            ]
        ),
        (
            "Target",
            [
                .targetName, .targetDescription, .targetX64Emulation, .targetX86Emulation, .targetKernelEmulation,
                .targetArm32, .targetArm64ec, .targetWslX8664Emulation, .targetX64EmulatedIsa, .targetX86EmulatedIsa,
                .targetArm64Isa, .targetWindowsBuild,
            ]
        ),
    ]

    /// Every known fact, in documentation order.
    package static let entries: [FactKey] = groups.flatMap(\.keys)

    /// Looks up a fact by the name rules use.
    package static func entry(_ name: String) -> FactKey? { index[name] }

    private static let index: [String: FactKey] = Dictionary(
        entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
