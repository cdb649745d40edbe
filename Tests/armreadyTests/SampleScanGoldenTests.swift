import Foundation
import Testing

/// The scan outputs of the bundled `Samples/` tree, byte for byte, as the executable wrote them
/// before the result model was redesigned (issue "One model for a rated binary"): a change to
/// the back half of the pipeline must not change what users see.
///
/// The golden files were written by `scripts/snapshot-outputs.sh` with the release build of the
/// commit before the redesign; re-record them only for an intended output change, with
/// `scripts/snapshot-outputs.sh .build/debug/armready Tests/armreadyTests/Golden/samples`.
@Suite("Samples scan goldens")
struct SampleScanGoldenTests {
    static let golden = Armready.packageRoot.appendingPathComponent("Tests/armreadyTests/Golden/samples")

    @Test("every format is byte-identical to the golden file", arguments: ["isa", "no-isa"])
    func outputs(mode: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("armready-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        var arguments = ["scan", "Samples", "--quiet", "--color", "never"]
        if mode == "no-isa" { arguments.append("--no-isa") }
        for (format, suffix) in [("json", "json"), ("sarif", "sarif"), ("junit", "junit.xml"), ("markdown", "md")] {
            arguments += ["--report", "\(format)=\(out.appendingPathComponent("\(mode).\(suffix)").path)"]
        }
        arguments += ["--report", "table"]
        // SARIF URIs are relative to the checkout, whatever GITHUB_WORKSPACE a CI job sets.
        let result = try Armready.run(
            arguments, in: Armready.packageRoot, environment: ["GITHUB_WORKSPACE": Armready.packageRoot.path])
        #expect(result.status == 0, "\(result.stderr)")
        try Data(result.stdoutData).write(to: out.appendingPathComponent("\(mode).table.txt"))
        for suffix in ["json", "sarif", "junit.xml", "md", "table.txt"] {
            let name = "\(mode).\(suffix)"
            let expected = try Data(contentsOf: Self.golden.appendingPathComponent(name))
            let actual = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(actual == expected, "\(name) differs from Tests/armreadyTests/Golden/samples/\(name)")
        }
    }
}
