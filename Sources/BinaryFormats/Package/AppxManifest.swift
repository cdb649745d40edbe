/// What an MSIX/APPX package's `AppxManifest.xml` declares (installers.md §6): the
/// `Identity`'s `ProcessorArchitecture`, the `TargetDeviceFamily` entries and the executables of
/// its `Application` elements.
package struct AppxManifest: Sendable, Equatable {
    package struct DeviceFamily: Sendable, Equatable {
        package var name: String
        package var minVersion: String?
    }

    package var name: String?
    package var version: String?
    /// Lower-cased as written: x86, x64, arm, arm64, neutral, x86a64; nil when absent.
    package var processorArchitecture: String?
    package var deviceFamilies: [DeviceFamily] = []
    /// `Application@Executable`, package-relative with `/` separators.
    package var executables: [String] = []

    package init(_ bytes: [UInt8]) {
        for tag in XMLTagScanner.tags(in: XMLTagScanner.text(bytes)) {
            switch tag.name {
            case "Identity" where name == nil:
                name = tag.attributes["Name"]
                version = tag.attributes["Version"]
                processorArchitecture = tag.attributes["ProcessorArchitecture"]?.lowercased()
            case "TargetDeviceFamily":
                if let family = tag.attributes["Name"] {
                    deviceFamilies.append(DeviceFamily(name: family, minVersion: tag.attributes["MinVersion"]))
                }
            case "Application":
                if let executable = tag.attributes["Executable"] {
                    executables.append(executable.replacingBackslashes())
                }
            default: break
            }
        }
    }

    /// The lowest Windows build the families a PC installs from accept (`Windows.Desktop`,
    /// `Windows.Universal`): the third part of `MinVersion` (10.0.26100.0 is build 26100).
    /// Nil when none of them states a readable MinVersion.
    package var minWindowsBuild: Int? {
        deviceFamilies.compactMap { family -> Int? in
            let name = family.name.lowercased()
            guard name == "windows.desktop" || name == "windows.universal", let version = family.minVersion else {
                return nil
            }
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[0] == "10", let build = Int(parts[2]), build >= 0, build < 1 << 20 else {
                return nil
            }
            return build
        }.min()
    }

    /// The architecture armready's facts use for a manifest's: x86a64 (an x86 package for
    /// Arm64) is x86 code.
    package static func normalised(_ architecture: String) -> String {
        architecture == "x86a64" ? "x86" : architecture
    }
}

/// What a bundle's `AppxMetadata/AppxBundleManifest.xml` lists, and which of its packages an
/// Arm64 device installs.
package struct AppxBundleManifest: Sendable, Equatable {
    package struct Package: Sendable, Equatable {
        /// `application` or `resource`; a package without `Type` is a resource package.
        package var type: String
        package var architecture: String?
        package var fileName: String
        package var version: String?
        package var isApplication: Bool { type == "application" }
    }

    package var packages: [Package] = []

    package init(_ bytes: [UInt8]) {
        for tag in XMLTagScanner.tags(in: XMLTagScanner.text(bytes)) where tag.name == "Package" {
            guard let fileName = tag.attributes["FileName"] else { continue }
            packages.append(
                Package(
                    type: tag.attributes["Type"]?.lowercased() ?? "resource",
                    architecture: tag.attributes["Architecture"]?.lowercased(),
                    fileName: fileName.replacingBackslashes(),
                    version: tag.attributes["Version"]))
        }
    }

    /// The application packages an Arm64 Windows 11 device installs: the arm64 ones when the
    /// bundle has any (the host-native package is preferred), else neutral, else x64, else x86
    /// (Windows 11 on Arm runs x64 and x86 packages emulated; preferring x64 over x86 is
    /// UNVERIFIED, installers.md §6). Empty when only Arm32 (or unknown) packages exist.
    package var selectedForArm64: [Package] {
        let applications = packages.filter(\.isApplication)
        for wanted in ["arm64", "neutral", "x64", "x86a64", "x86"] {
            let chosen = applications.filter { $0.architecture == wanted }
            if !chosen.isEmpty { return chosen }
        }
        return []
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
