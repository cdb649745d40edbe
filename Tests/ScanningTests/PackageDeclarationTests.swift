import Foundation
import Readiness
import Testing
@testable import BinaryFormats
@testable import Scanning

/// What packages declare (wheel tags, MSIX manifests, bundles) and nesting within one budget,
/// on the fixtures of Tests/Fixtures/packages (built by build.py with Python's zipfile, whose
/// member lists are in expected.json).
@Suite("Package declarations and nesting")
struct PackageDeclarationTests {
    static let folder = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/packages")

    private static func scan(_ names: [String], target: String? = nil) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        return try Scanner.scan(
            ScanOptions(
                roots: names.map { folder.appendingPathComponent($0).path }, rules: rules,
                target: try TargetProfile.load(name: target), isa: nil, today: "2026-01-01", toolVersion: "test"))
    }

    private static func expectedMembers(_ name: String) throws -> [String] {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: [String]]
        return object?[name] ?? []
    }

    @Test func anArm64WheelWithAnX64ExtensionIsBlocked() throws {
        let name = "contoso-1.0-cp312-cp312-win_arm64.whl"
        let report = try Self.scan([name])
        let pyd = try #require(report.binaries.first)
        #expect(try Self.expectedMembers(name).contains(String(pyd.path.split(separator: "!/").last ?? "")))
        #expect(pyd.verdict == .blocked)
        #expect(pyd.findings.first?.rule == "wheel-arm64-extension-not-arm64")
        #expect(pyd.packagedIn?.declaredArchitectures == ["arm64"])
        #expect(pyd.packagedIn?.kind == "wheel")
        #expect(pyd.packagedIn?.name == name)
    }

    @Test func anArm64WheelWithAnArm64ExtensionIsNative() throws {
        let report = try Self.scan(["contoso_ok-1.0-cp312-cp312-win_arm64.whl"])
        #expect(report.binaries.map(\.verdict) == [.native])
    }

    @Test func anMSIXDeclaredArm64CarryingX64IsAtRisk() throws {
        let report = try Self.scan(["Contoso_mismatch_arm64.msix"])
        let exe = try #require(report.binaries.first)
        #expect(exe.path.hasSuffix("!/App/Contoso.exe"))
        #expect(exe.findings.map(\.rule).contains("package-declared-arch-mismatch"))
        #expect(exe.verdict == .atRisk)
    }

    /// build.py writes `MinVersion="10.0.26100.0"` (Windows 11 24H2) into this arm64 package:
    /// it installs on copilot-plus-pc (build 26100) and not on windows-arm64-23h2 (22631).
    @Test func anMSIXThatNeeds24H2IsBlockedOn23H2Only() throws {
        let name = "Contoso_24h2_arm64.msix"
        #expect(try Self.expectedMembers(name).contains("App/Contoso.exe"))
        let current = try Self.scan([name])
        #expect(current.binaries.map(\.verdict) == [.native])
        let older = try Self.scan([name], target: "windows-arm64-23h2")
        let exe = try #require(older.binaries.first)
        #expect(exe.verdict == .blocked)
        let finding = try #require(exe.findings.first { $0.rule == "msix-min-version-above-target" })
        #expect(finding.message.contains("build 26100") && finding.message.contains("runs build 22631"))
        #expect(older.applications.map(\.verdict) == [.blocked])
    }

    @Test func theDesktopFamiliesGiveTheMinimumBuild() {
        func build(_ families: String) -> Int? {
            AppxManifest(Array("<Package><Dependencies>\(families)</Dependencies></Package>".utf8)).minWindowsBuild
        }
        #expect(build(#"<TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.19041.0"/>"#) == 19041)
        #expect(
            build(
                #"<TargetDeviceFamily Name="Windows.Universal" MinVersion="10.0.22000.0"/><TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.17763.0"/>"#
            ) == 17763)
        #expect(build(#"<TargetDeviceFamily Name="Windows.Holographic" MinVersion="10.0.26100.0"/>"#) == nil)
        #expect(build(#"<TargetDeviceFamily Name="Windows.Desktop" MinVersion="banana"/>"#) == nil)
        #expect(build(#"<TargetDeviceFamily Name="Windows.Desktop"/>"#) == nil)
    }

    /// A Burn bundle inside a zip is opened as it is on disk: the Arm64 MSI its chain installs on
    /// an Arm64 PC is rated two levels down, the x64 one is left out with a diagnostic.
    @Test func anInstallerInsideAPackageHasItsPayloadRated() throws {
        let name = "bundle-in-zip.zip"
        #expect(try Self.expectedMembers(name) == ["setup/Contoso-Setup.exe"])
        let report = try Self.scan([name])
        let bundle = "\(name)!/setup/Contoso-Setup.exe"
        #expect(report.binaries.contains { $0.path == bundle })
        #expect(report.binaries.contains { $0.path == "\(bundle)!/container1!/redist/helper.exe" })
        let arm64 = report.binaries.filter { $0.path.hasPrefix("\(bundle)!/container1!/arm64/Contoso.msi!/") }
        #expect(arm64.count == 3 && arm64.allSatisfy { $0.verdict == .native })
        #expect(!report.binaries.contains { $0.path.contains("/x64/Contoso.msi!/") })
        #expect(report.diagnostics.contains { $0.path == "\(bundle)!/container1!/x64/Contoso.msi" })
        let stub = try #require(report.binaries.first { $0.path == bundle })
        #expect(!stub.findings.map(\.rule).contains("installer-payload-not-examined"))
    }

    /// The bundle manifest lists an x64 and an arm64 package: an Arm64 device installs the
    /// arm64 one, so only it is rated, and the other is named in a diagnostic.
    @Test func aBundleIsRatedByThePackageAnArm64DeviceInstalls() throws {
        let name = "Contoso.msixbundle"
        #expect(try Self.expectedMembers(name).contains("Contoso_x64.msix"))
        let report = try Self.scan([name])
        #expect(report.binaries.map(\.path) == ["Contoso.msixbundle!/Contoso_arm64.msix!/App/Contoso.exe"])
        #expect(report.binaries.map(\.verdict) == [.native])
        #expect(report.binaries.first?.packagedIn?.declaredArchitectures == ["arm64"])
        #expect(report.binaries.first?.packagedIn?.name == "Contoso.msixbundle!/Contoso_arm64.msix")
        #expect(report.diagnostics.map(\.path) == ["Contoso.msixbundle!/Contoso_x64.msix"])
        #expect(report.diagnostics.first?.kind == .notOpened)
    }

    @Test func aZipInAZipIsOpened() throws {
        let report = try Self.scan(["nested.zip"])
        #expect(report.binaries.map(\.path) == ["nested.zip!/inner/tools.zip!/bin/tool.exe"])
        #expect(report.diagnostics.isEmpty)
    }

    /// Twenty levels: the budget opens eight and says where it stopped.
    @Test func nestingStopsAtTheBudgetWithADiagnostic() throws {
        let report = try Self.scan(["deep20.zip"])
        #expect(report.binaries.isEmpty)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.kind == .notOpened)
        #expect(diagnostic.path.components(separatedBy: "!/").count == PackageBudget.maxDepth + 1)
        #expect(diagnostic.message.contains("8 levels"))
    }
}

@Suite("Wheel tags and manifests")
struct PackageManifestTests {
    @Test func wheelFileNamesGiveTheirPlatforms() {
        #expect(WheelTags.platforms(fileName: "dist/numpy-2.1.0-cp312-cp312-win_arm64.whl") == ["win_arm64"])
        #expect(
            WheelTags.platforms(fileName: "x-1.0-1-cp39-abi3-manylinux_2_17_aarch64.manylinux2014_aarch64.whl")
                == ["manylinux_2_17_aarch64", "manylinux2014_aarch64"])
        #expect(WheelTags.platforms(fileName: "x-1.0-py3-none-any.whl") == ["any"])
        #expect(WheelTags.platforms(fileName: "not-a-wheel.zip") == nil)
        #expect(WheelTags.platforms(fileName: "too-few.whl") == nil)
    }

    /// Platform tags as PEP 425 / PEP 600 and packaging.python.org name them.
    @Test func platformTagsNameArchitectures() {
        #expect(WheelTags.architectures(ofPlatforms: ["win_amd64"]) == ["x64"])
        #expect(WheelTags.architectures(ofPlatforms: ["win32"]) == ["x86"])
        #expect(WheelTags.architectures(ofPlatforms: ["macosx_11_0_universal2"]) == ["arm64", "x64"])
        #expect(WheelTags.architectures(ofPlatforms: ["musllinux_1_2_aarch64", "any"]) == ["arm64", "neutral"])
        #expect(WheelTags.architectures(ofPlatforms: ["linux_s390x"]) == [])
        #expect(
            WheelTags.platforms(wheelMetadata: "Wheel-Version: 1.0\nTag: cp312-cp312-win_arm64\r\nTag: py3-none-any\n")
                == ["win_arm64", "any"])
    }

    @Test func appxManifestsAreReadWithPrefixesCommentsAndEntities() {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- <Identity ProcessorArchitecture="x86"/> is a comment -->
            <m:Package xmlns:m="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
              <m:Identity Name="A&amp;B" Version='2.0.0.0' ProcessorArchitecture="ARM64"/>
              <m:Dependencies><m:TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.22000.0"/></m:Dependencies>
              <m:Applications><m:Application Id="a" Executable="bin\\a.exe"/></m:Applications>
            </m:Package>
            """
        let manifest = AppxManifest(Array(text.utf8))
        #expect(manifest.name == "A&B")
        #expect(manifest.version == "2.0.0.0")
        #expect(manifest.processorArchitecture == "arm64")
        #expect(manifest.deviceFamilies == [.init(name: "Windows.Desktop", minVersion: "10.0.22000.0")])
        #expect(manifest.executables == ["bin/a.exe"])
        // The same manifest in UTF-16LE with a BOM, as Visual Studio may write it.
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(AppxManifest(utf16) == manifest)
    }

    /// Selection on an Arm64 device: arm64 first, then neutral, x64, x86; resource packages
    /// (and packages without a Type) never decide (installers.md §6).
    @Test func bundleSelectionPrefersArm64ThenX64() {
        func bundle(_ packages: [(String?, String)]) -> AppxBundleManifest {
            let rows = packages.map { type, arch in
                "<Package \(type.map { "Type=\"\($0)\" " } ?? "")Architecture=\"\(arch)\" FileName=\"p_\(arch).msix\"/>"
            }
            return AppxBundleManifest(Array("<Bundle><Packages>\(rows.joined())</Packages></Bundle>".utf8))
        }
        #expect(
            bundle([("application", "x64"), ("application", "arm64")]).selectedForArm64.map(\.fileName) == [
                "p_arm64.msix"
            ])
        #expect(
            bundle([("application", "x86"), ("application", "x64")]).selectedForArm64.map(\.fileName) == [
                "p_x64.msix"
            ])
        #expect(bundle([(nil, "arm64"), ("application", "x86")]).selectedForArm64.map(\.fileName) == ["p_x86.msix"])
        #expect(bundle([("application", "arm")]).selectedForArm64.isEmpty)
    }

    /// The scanner stops at the end of the text, whatever is unterminated.
    @Test func unterminatedMarkupEndsTheScan() {
        for text in ["<", "<a b=\"", "<!--", "<![CDATA[", "<a b='1' c", "<a &#xFFFFFFFF;", "<a b=\"&#x110000;\">"] {
            _ = XMLTagScanner.tags(in: text)
        }
        #expect(XMLTagScanner.tags(in: "<a b=\"&#x41;&#66;&bogus;\">").first?.attributes["b"] == "AB&bogus;")
    }
}
