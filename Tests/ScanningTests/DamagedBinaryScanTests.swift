import BinaryFormats
import Foundation
import Readiness
import Testing
@testable import Scanning

/// A binary with a damaged structure is scanned like any other: it keeps its machine and
/// verdict, and the report carries its warnings and the `damaged-structures` finding.
@Suite("Scanning binaries with damaged structures")
struct DamagedBinaryScanTests {
    @Test func warningsReachTheReport() throws {
        let root = try FixtureTree.make([
            "tools/dllord.dll": "corkami/dllord.dll", "tools/tiny.exe": "corkami/tiny.exe",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try FixtureTree.scan(root)
        let dll = try #require(report.binaries.first { $0.path == "tools/dllord.dll" })
        // pefile and LIEF: I386; corkami: "heavily export corrupted structure".
        #expect(dll.machine == 0x14C)
        #expect(dll.verdict == .emulated)
        #expect(dll.reason == nil)
        #expect(Set(dll.warnings.map(\.structure)) == [.exports])
        #expect(dll.findings.map(\.rule).contains("damaged-structures"))
        let tiny = try #require(report.binaries.first { $0.path == "tools/tiny.exe" })
        #expect(tiny.machine == 0x14C)
        #expect(tiny.warnings.isEmpty)
        #expect(!tiny.findings.map(\.rule).contains("damaged-structures"))
    }
}
