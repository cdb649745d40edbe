import BinaryFormats

/// Whether an MSI's LaunchConditions keep it off Windows 11 on Arm64 (installers.md §1.2): a
/// condition that fails on an Arm64 machine but holds on an x64 one (WiX's
/// `WIX_NATIVE_MACHINE = 34404`, `Msix64` in a package that is not x64) stops msiexec before
/// anything installs. A condition that fails on both machines, or reads a property only the
/// running installer knows, says nothing about the architecture and is left alone.
enum MSILaunchCheck {
    enum Machine {
        case arm64, x64
    }

    /// The first launch condition that excludes Arm64, as "`condition`: message".
    static func excludingArm64(_ conditions: [MSILaunchCondition], platform: String) -> String? {
        for launch in conditions {
            guard let condition = MSICondition(launch.condition) else { continue }
            let arm64 = condition.evaluate(properties(on: .arm64, platform: platform))
            let x64 = condition.evaluate(properties(on: .x64, platform: platform))
            guard arm64 == false, x64 == true else { continue }
            let message = launch.description.map { $0.isEmpty ? "" : " (\"\($0)\")" } ?? ""
            return "\(launch.condition)\(message)"
        }
        return nil
    }

    /// What Windows Installer sets on a first install on each machine; nil for everything else.
    /// VersionNT is 603 on Windows 10 and 11 (Operating System Property Values); VersionNT64 is
    /// set on any 64-bit Windows; Intel64 only on Itanium. `WIX_NATIVE_MACHINE` is what WiX's
    /// QueryNativeMachine custom action sets, the IMAGE_FILE_MACHINE of the native processor
    /// (43620 Arm64, 34404 x64). Msix64 is set for an x64 package on Windows 11 Arm64
    /// (installers.md §1.2, M); for other packages there it is not known.
    static func properties(on machine: Machine, platform: String) -> MSICondition.Resolve {
        let x64Package = platform.lowercased() == "x64" || platform.lowercased() == "amd64"
        return { name in
            switch name {
            case "VersionNT", "VersionNT64": "603"
            case "Intel64", "Installed", "REMOVE": ""
            case "WIX_NATIVE_MACHINE": machine == .arm64 ? "43620" : "34404"
            case "Msix64": machine == .x64 || x64Package ? "6" : nil
            default: nil
            }
        }
    }
}
