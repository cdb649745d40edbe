// Package and installer facts: what the package a binary came from declares (`PackageContext`),
// and what an installer stub is (`installer.*`, set on the stub itself).
extension FactKey {
    package static let packageKind = FactKey(
        "package.kind", .string,
        "For a binary inside a package: the innermost package's kind (wheel, nupkg, msix, appx, msixbundle, appxbundle, msi, cab, 7z, zip, installer)."
    )
    package static let packageName = FactKey(
        "package.name", .string, "For a binary inside a package: the innermost package's report path.")
    package static let packageDeclaredArchitectures = FactKey(
        "package.declared_architectures", .list,
        "What the innermost package declares it is for (arm64, x64, x86, arm, ia64, neutral): a wheel's platform tags, an MSIX `ProcessorArchitecture`, an MSI Template's platform; absent when it declares nothing."
    )
    package static let packageMinWindowsBuild = FactKey(
        "package.min_windows_build", .int,
        "For a binary in an MSIX/APPX package: the lowest Windows build its desktop `TargetDeviceFamily` entries accept (`MinVersion` 10.0.26100.0 is 26100); absent when none is declared."
    )
    package static let packageMinWindowsBuildAboveTarget = FactKey(
        "package.min_windows_build_above_target", .bool,
        "Derived: true when package.min_windows_build is above target.windows_build; absent otherwise.")
    package static let msiTemplate = FactKey(
        "msi.template", .string, "For a binary installed by an MSI: the Summary Information Template (`x64;1033`).")
    package static let msiPlatform = FactKey(
        "msi.platform", .string,
        "The Template's platform as written (Intel, x64, Arm64, Intel64, Arm; Intel when the Template names none).")
    package static let msiLaunchConditions = FactKey(
        "msi.launch_conditions", .list,
        "For a binary installed by an MSI: its LaunchCondition conditions (empty when none).")
    package static let msiLaunchConditionExcludingArm64 = FactKey(
        "msi.launch_condition_excludes_arm64", .string,
        "The first LaunchCondition that fails on Windows 11 Arm64 but holds on x64 (`WIX_NATIVE_MACHINE = 34404`), with its message; absent when none does."
    )
    package static let installerEngine = FactKey(
        "installer.engine", .string,
        "For an installer stub: nsis, inno-setup, wix-burn, installshield, squirrel, velopack, 7zip-sfx, cab-sfx, zip-sfx."
    )
    package static let installerVersion = FactKey(
        "installer.version", .string, "The installer engine's version or variant, where the stub says.")
    package static let installerPayloadExamined = FactKey(
        "installer.payload_examined", .bool,
        "For an installer stub: whether armready opened what it installs (false for NSIS, Inno Setup and InstallShield payloads)."
    )
}
