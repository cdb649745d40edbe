import Foundation
import Testing

/// Bad configuration and rule folders stop the scan with exit 2 and `error: FILE:LINE: …`
/// naming the offending key (README, "Configuration": unknown keys are errors that name the
/// file and line); a user rule with a built-in id overrides it and `rules list` says so.
@Suite("armready: configuration and rule folders")
struct ConfigurationTests {
    private func nativeEditorTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "NativeEditor")
        return tree
    }

    @Test func unknownConfigurationKeyNamesFileLineAndKey() throws {
        let tree = try nativeEditorTree()
        try tree.write("version: 1\nfail-on: blocked\nfail-onn: emulated\n", to: "NativeEditor/armready.yml")
        let result = try Armready.run(["scan", "NativeEditor", "--report", "json"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: NativeEditor/armready.yml:3: "), "\(result.stderr)")
        #expect(result.stderr.contains("'fail-onn'"), "\(result.stderr)")
    }

    @Test func explicitConfigWithBadValue() throws {
        let tree = try nativeEditorTree()
        try tree.write("version: 1\nfail-on: sometimes\n", to: "ci.yml")
        let result = try Armready.run(["scan", "NativeEditor", "--config", "ci.yml"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: ci.yml:2: "), "\(result.stderr)")
        #expect(result.stderr.contains("sometimes"))
    }

    /// `cache:` in armready.yml names a folder relative to the file; a second scan reuses the
    /// entries and prints the same report (README, "Analysis cache").
    @Test func cacheFolderFromTheConfigurationIsFilledAndReused() throws {
        let tree = try nativeEditorTree()
        try tree.write("version: 1\ncache: .armready-cache\n", to: "NativeEditor/armready.yml")
        let first = try Armready.run(["scan", "NativeEditor", "--report", "json"], in: tree.url)
        #expect(first.status == 0, "\(first.stderr)")
        let cached = try FileManager.default.subpathsOfDirectory(
            atPath: tree.url.appendingPathComponent("NativeEditor/.armready-cache").path)
        #expect(cached.filter { $0.hasSuffix(".json") }.count == 2)  // editor.exe and core.dll
        let second = try Armready.run(["scan", "NativeEditor", "--report", "json"], in: tree.url)
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
    }

    @Test func aCacheFolderThatCannotBeMadeIsAnError() throws {
        let tree = try nativeEditorTree()
        let result = try Armready.run(
            ["scan", "NativeEditor", "--cache", "NativeEditor/editor.exe/cache"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.hasPrefix("error: NativeEditor/editor.exe/cache: cannot create the cache folder"),
            "\(result.stderr)")
    }

    @Test func unsupportedConfigurationVersion() throws {
        let tree = try nativeEditorTree()
        try tree.write("version: 2\n", to: "NativeEditor/armready.yml")
        let result = try Armready.run(["scan", "NativeEditor"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: NativeEditor/armready.yml:1: "), "\(result.stderr)")
    }

    @Test func missingConfigFileIsIncomplete() throws {
        let tree = try nativeEditorTree()
        let result = try Armready.run(["scan", "NativeEditor", "--config", "nope.yml"], in: tree.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("nope.yml"))
    }

    /// The built-in `pe-x64-emulated` rule with one key added on `line`.
    private func ruleWithUnknownKey() throws -> (text: String, line: Int) {
        let original = try String(
            contentsOf: Armready.packageRoot.appendingPathComponent("Rules/pe-x64-emulated.yaml"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        lines[1] = "id: my-x64-rule"
        lines.insert("colour: red", at: 4)
        return (lines.joined(separator: "\n"), 5)
    }

    @Test func malformedRuleFolderNamesFileLineAndKey() throws {
        let tree = try nativeEditorTree()
        let (text, line) = try ruleWithUnknownKey()
        try tree.write(text, to: "myrules/my-x64-rule.yaml")
        let result = try Armready.run(["scan", "NativeEditor", "--rules", "myrules"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: myrules/my-x64-rule.yaml:\(line): "), "\(result.stderr)")
        #expect(result.stderr.contains("'colour'"), "\(result.stderr)")

        let validated = try Armready.run(["rules", "validate", "myrules"], in: tree.url)
        #expect(validated.status == 1, "\(validated.stderr)")
        #expect(validated.stderr.hasPrefix("error: myrules/my-x64-rule.yaml:\(line): "), "\(validated.stderr)")
    }

    @Test func missingRuleFolderIsIncomplete() throws {
        let tree = try nativeEditorTree()
        let result = try Armready.run(["scan", "NativeEditor", "--rules", "no-such-dir"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("no-such-dir"), "\(result.stderr)")
    }

    @Test func userRuleWithBuiltInIdIsListedAsOverride() throws {
        let tree = try TemporaryTree()
        try tree.copy(
            Armready.packageRoot.appendingPathComponent("Rules/pe-x64-emulated.yaml"),
            to: "myrules/pe-x64-emulated.yaml")
        let listed = try Armready.run(["rules", "list", "--rules", "myrules"], in: tree.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix("pe-x64-emulated ") })
        #expect(line.contains("overrides the built-in rule"), "\(line)")
        let others = listed.stdout.split(separator: "\n").filter { !$0.hasPrefix("pe-x64-emulated ") }
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { !$0.contains("overrides") })

        let validated = try Armready.run(["rules", "validate", "myrules"], in: tree.url)
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("myrules: 1 rule valid"), "\(validated.stdout)")
        #expect(validated.stdout.contains("overrides the built-in rule pe-x64-emulated"), "\(validated.stdout)")
    }

    @Test func disabledRuleIsListed() throws {
        let result = try Armready.run(["rules", "list", "--disable", "pe-x64-emulated"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pe-x64-emulated  (disabled)"), "\(result.stdout)")
    }

    /// `fail-on` and `exclude` from `armready.yml`; flags win over single values and add to lists.
    @Test func configurationGateAndExcludesMergeWithFlags() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("Renderer/render.exe"), to: "t/render.exe")
        try tree.copy(TemporaryTree.sample("Simulator/sim.exe"), to: "t/sub/sim.exe")
        try tree.write("version: 1\nfail-on: blocked\n", to: "t/armready.yml")
        let fromConfig = try Armready.run(["scan", "t", "--report", "json"], in: tree.url)
        #expect(fromConfig.status == 1, "\(fromConfig.stderr)")
        #expect(try ScanJSON(fromConfig).failing == ["sub/sim.exe"])

        try tree.write("version: 1\nfail-on: blocked\nexclude: [\"sub/*\"]\n", to: "t/armready.yml")
        let excluded = try Armready.run(["scan", "t", "--report", "json"], in: tree.url)
        #expect(excluded.status == 0, "\(excluded.stderr)")
        #expect(try ScanJSON(excluded).paths == ["render.exe"])

        // The flag replaces the configured level; --exclude adds to the configured list.
        let flagged = try Armready.run(
            ["scan", "t", "--fail-on", "emulated", "--exclude", "render.exe", "--report", "json"], in: tree.url)
        #expect(flagged.status == 0, "\(flagged.stderr)")
        let report = try ScanJSON(flagged)
        #expect(report.paths.isEmpty)
        #expect(report.gate?["failOn"] as? String == "emulated")
    }
}
