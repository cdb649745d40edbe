import BinaryFormats

/// Which packages of a WiX Burn chain install on an Arm64 PC (installers.md §3): each
/// package's `InstallCondition` evaluated with what the engine sets there. `NativeMachine` is
/// the native processor's IMAGE_FILE_MACHINE (43620 for Arm64, WiX v4+), `VersionNT64` and
/// `VersionNT` are set (version values, only their being set is used). Anything else, including
/// `ProcessorArchitecture` (an emulated x86/x64 engine sees its own architecture), is unknown, and
/// a package whose condition depends on it is rated.
enum BurnChainCheck {
    /// Why the package does not install on Arm64, or nil when it does or may.
    static func exclusion(of package: BurnManifest.Package) -> String? {
        guard let text = package.installCondition, let condition = MSICondition(text),
            condition.evaluate(arm64) == false
        else { return nil }
        return
            "its \(package.kind) \(package.id) has InstallCondition \"\(text)\", false on an Arm64 PC (NativeMachine 43620)"
    }

    private static let arm64: MSICondition.Resolve = { name in
        switch name {
        case "NativeMachine": "43620"
        case "VersionNT64", "VersionNT": "v10.0"
        default: nil
        }
    }
}
