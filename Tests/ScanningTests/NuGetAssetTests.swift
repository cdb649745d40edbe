import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// NuGet's runtime-specific native assets (windows-on-arm.md §10 and R18, from [S31]: the
/// `runtimes/{rid}/native/` layout, RIDs `win-x64`, `win-x86`, `win-arm64`): an asset with no
/// `win-arm64` counterpart is at risk in a package, and blocked in an application that has an
/// Arm64 executable. The architectures of the fixtures come from Tests/Fixtures/expected.json
/// (pefile).
@Suite("NuGet runtime assets")
struct NuGetAssetTests {
    private func tree(_ files: [String: String]) throws -> URL { try FixtureTree.make(files) }
    private func scan(_ root: URL) throws -> ScanReport { try FixtureTree.scan(root) }

    private func rules(_ report: ScanReport, _ path: String) -> [String] {
        report.binaries.first { $0.path == path }?.findings.map(\.rule) ?? ["(not in the report)"]
    }

    @Test func aPackageAssetWithoutAnArm64CounterpartIsAtRisk() throws {
        let root = try tree([
            "pkg/runtimes/win-x64/native/sqlite.dll": "pe/x64_exports.dll",
            "pkg/runtimes/win-arm64/native/sqlite.dll": "pe/arm64_lib.dll",
            "pkg/runtimes/win-x64/native/zlib.dll": "pe/x64_exports.dll",
            "pkg/runtimes/win10-x86/native/zlib.dll": "pe/x86_chpe.dll",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan(root)
        #expect(rules(report, "pkg/runtimes/win-x64/native/sqlite.dll") == ["pe-x64-emulated"])
        #expect(rules(report, "pkg/runtimes/win-x64/native/zlib.dll").first == "nuget-native-asset-without-arm64")
        #expect(rules(report, "pkg/runtimes/win10-x86/native/zlib.dll").first == "nuget-native-asset-without-arm64")
        #expect(report.binaries.first { $0.path == "pkg/runtimes/win-x64/native/zlib.dll" }?.verdict == .atRisk)
    }

    @Test func aVersionedArm64RIDCountsAsTheCounterpart() throws {
        let root = try tree([
            "pkg/runtimes/win-x64/native/sqlite.dll": "pe/x64_exports.dll",
            "pkg/runtimes/win10-arm64/native/sqlite.dll": "pe/arm64_lib.dll",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(rules(try scan(root), "pkg/runtimes/win-x64/native/sqlite.dll") == ["pe-x64-emulated"])
    }

    @Test func anArm64ApplicationWithOnlyAnX64AssetIsBlocked() throws {
        let root = try tree([
            "App/app.exe": "pe/arm64_app.exe",
            "App/runtimes/win-x64/native/sqlite.dll": "pe/x64_exports.dll",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan(root)
        #expect(rules(report, "App/runtimes/win-x64/native/sqlite.dll").first == "nuget-asset-missing-for-arm64-app")
        #expect(report.applications.first?.verdict == .blocked)
    }

    @Test func anX64ApplicationRunsItsX64AssetUnderEmulation() throws {
        let root = try tree([
            "App/app.exe": "pe/x64_gui.exe",
            "App/runtimes/win-x64/native/sqlite.dll": "pe/x64_exports.dll",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(rules(try scan(root), "App/runtimes/win-x64/native/sqlite.dll") == ["pe-x64-emulated"])
    }

    @Test func assetPathsAreRecognisedOnlyInTheNuGetLayout() {
        #expect(NuGetAssetPath("pkg.nupkg!/runtimes/win-x64/native/e_sqlite3.dll")?.rid == "win-x64")
        #expect(NuGetAssetPath("a/Runtimes/WIN-ARM64/lib/net8.0/x.dll")?.isWindowsArm64 == true)
        #expect(NuGetAssetPath("a/runtimes/win10-arm64/native/x.dll")?.isWindowsArm64 == true)
        #expect(NuGetAssetPath("a/runtimes/linux-arm64/native/x.so")?.isWindowsArm64 == false)
        #expect(NuGetAssetPath("a/runtimes/win-x64/x.dll") == nil)
        #expect(NuGetAssetPath("a/runtimes/win-x64/native") == nil)
        #expect(NuGetAssetPath("runtimes//native/x.dll") == nil)
        #expect(
            NuGetAssetPath("a/runtimes/win-x64/native/x.dll")?.assetKey
                == NuGetAssetPath("a/runtimes/win-arm64/native/x.dll")?.assetKey)
    }
}
