import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// Builds small application trees from the fixtures and checks what the importing process
/// can load (windows-on-arm.md §4.4 and §5: an x64 process cannot load pure Arm64 code, an
/// Arm64 process cannot load x64 code).
@Suite("Import resolution inside applications")
struct ImportResolutionTests {
    static let fixtures = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures")

    private func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-imports-\(UUID().uuidString)")
        for (destination, source) in files {
            let target = root.appendingPathComponent(destination)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(source), to: target)
        }
        return root
    }

    private func scan(_ root: URL) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let options = ScanOptions(roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: nil, today: "2026-01-01", toolVersion: "test")
        return try Scanner.scan(options)
    }

    @Test func anX64ExeWhoseOnlyCopyOfADLLIsArm64() throws {
        // x64_gui.exe imports user32.dll (pefile, Tests/Fixtures/expected.json).
        let root = try tree(["App/x64_gui.exe": "pe/x64_gui.exe", "App/user32.dll": "pe/arm64_lib.dll"])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan(root)
        let dll = try #require(report.binaries.first { $0.path == "App/user32.dll" })
        #expect(dll.verdict == .blocked)
        #expect(dll.findings.first?.rule == "dependency-arch-mismatch")
        #expect(report.applications.first?.verdict == .blocked)
        #expect(report.applications.first?.reasons.first?.binary == "App/x64_gui.exe")
    }

    @Test func anArm64XDLLLoadsIntoEitherProcess() throws {
        let root = try tree(["App/x64_gui.exe": "pe/x64_gui.exe", "App/user32.dll": "pe/arm64x_lib.dll"])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan(root)
        #expect(report.binaries.first { $0.path == "App/user32.dll" }?.verdict == .native)
        #expect(report.applications.first?.verdict == .emulated)
    }

    @Test func theCopyBesideTheExecutableWins() throws {
        let root = try tree([
            "App/x64_gui.exe": "pe/x64_gui.exe", "App/user32.dll": "pe/x64_exports.dll",
            "App/plugins/user32.dll": "pe/arm64_lib.dll",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan(root)
        #expect(report.binaries.first { $0.path == "App/plugins/user32.dll" }?.verdict == .native)
        #expect(report.applications.first?.verdict == .emulated)
    }
}
