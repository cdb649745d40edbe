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
    private func tree(_ files: [String: String]) throws -> URL { try FixtureTree.make(files) }
    private func scan(_ root: URL) throws -> ScanReport { try FixtureTree.scan(root) }

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
