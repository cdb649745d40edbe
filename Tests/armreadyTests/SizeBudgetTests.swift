import Foundation
import Testing

/// `--max-file-size`: a larger file is still rated, from its headers, without a digest, and an
/// `over-budget` diagnostic says what was skipped; smaller files are untouched.
@Suite("armready: size budget")
struct SizeBudgetTests {
    @Test func aFileOverTheBudgetIsRatedFromItsHeaders() throws {
        let root = Armready.packageRoot.appendingPathComponent("Samples/NativeEditor")
        let sizes = try ["core.dll", "editor.exe"].map { name in
            (
                name,
                try #require(
                    try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(name).path)[.size]
                        as? Int)
            )
        }
        let budget = sizes.map(\.1).min() ?? 0
        let result = try Armready.run(
            ["scan", "Samples/NativeEditor", "--max-file-size", String(budget), "--report", "json"],
            in: Armready.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let json = ScanJSON(try result.json())
        for (name, size) in sizes {
            let binary = try json.binary(name)
            #expect(binary["verdict"] as? String == "native", "\(name)")
            let over = size > budget
            #expect((binary["sha256"] is NSNull) == over, "\(name)")
            #expect(
                json.diagnostics.contains { $0["path"] as? String == name && $0["kind"] as? String == "over-budget" }
                    == over, "\(name)")
        }
        let usage = try Armready.run(["scan", "Samples", "--max-file-size", "0"], in: Armready.packageRoot)
        #expect(usage.status == 64)
    }
}
