import Foundation
import Testing

/// `inspect`, `facts` and `rules`: what they print and how they exit. Machine values come from
/// pefile (Tests/Fixtures/expected.json: x64_gui.exe is 0x8664), the AVX-512 content of
/// sim.exe from iced-x86 and llvm-objdump (Samples/expected.json), rule texts and target
/// names from the files in `Rules/`.
@Suite("armready: inspect, facts and rules")
struct InspectFactsRulesTests {
    /// The value printed after a label in `inspect`'s text output (`  label   value`).
    private func field(_ label: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(label + " ") else { continue }
            return trimmed.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    @Test func inspectPrintsMachineAndExecution() throws {
        let tree = try TemporaryTree()
        // A neutral name, so "x64" in the output cannot come from the path.
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "app.exe")
        let result = try Armready.run(["inspect", "app.exe"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("app.exe\n"))
        // pefile: Machine 0x8664, Subsystem 2, Characteristics 0x22.
        #expect(field("machine", in: result.stdout)?.contains("0x8664") == true, "\(result.stdout)")
        #expect(field("execution", in: result.stdout) == "x64", "\(result.stdout)")
        #expect(field("subsystem", in: result.stdout)?.hasSuffix("(2)") == true, "\(result.stdout)")
        #expect(field("characteristics", in: result.stdout) == "0x22", "\(result.stdout)")
    }

    @Test func inspectJSONIsVersionedAndComplete() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "x64_gui.exe")
        try tree.copy(TemporaryTree.fixture("elf/aarch64_app"), to: "aarch64_app")
        let result = try Armready.run(["inspect", "--format", "json", "x64_gui.exe", "aarch64_app"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let document = try result.json()
        #expect(document["schemaVersion"] as? Int == 1)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files.first?["path"] as? String == "x64_gui.exe")
        #expect(files.first?["machine"] as? Int == 0x8664)
        #expect(files.first?["execution"] as? String == "x64")
        #expect(files.first?["format"] as? String == "pe")
        #expect(files.first?["error"] is NSNull)
        // EM_AARCH64 = 183 (ELF for the Arm 64-bit Architecture).
        #expect(files.last?["machine"] as? Int == 183)
        #expect(files.last?["execution"] as? String == "arm64")
    }

    /// The first 0x400 bytes of a real PE with `e_lfanew` (offset 0x3C, PE/COFF spec) set to
    /// 0x1F000: the README's own example sentence.
    @Test func inspectReportsELfanewPastTheEnd() throws {
        let tree = try TemporaryTree()
        var bytes = Data(try TemporaryTree.fixtureBytes("pe/x64_gui.exe").prefix(0x400))
        bytes.replaceSubrange(0x3C..<0x40, with: [0x00, 0xF0, 0x01, 0x00])
        try tree.write(bytes, to: "bad.exe")
        try tree.copy(TemporaryTree.fixture("pe/arm64_app.exe"), to: "good.exe")
        let result = try Armready.run(["inspect", "--format", "json", "bad.exe", "good.exe"], in: tree.url)
        #expect(result.status == 1, "\(result.stderr)")
        let files = try #require(try result.json()["files"] as? [[String: Any]])
        #expect(files.count == 2, "a file that cannot be read is still listed")
        #expect(files.first?["error"] as? String == "e_lfanew points past end of file (0x1f000 > 0x400)")
        #expect(files.last?["error"] is NSNull)

        let text = try Armready.run(["inspect", "bad.exe"], in: tree.url)
        #expect(text.status == 1)
        #expect(
            text.stdout.contains("e_lfanew points past end of file (0x1f000 > 0x400)"), "\(text.stdout)\(text.stderr)")
    }

    /// corkami foldedhdr.exe (Tests/Fixtures/corkami/README.md): pefile reads Machine 0x14c and
    /// warns "Error parsing the import directory at RVA: 0x86600010". The file is read (exit
    /// 0), and the damaged import directory is a warning in both outputs.
    @Test func inspectShowsDamagedStructures() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.fixture("corkami/foldedhdr.exe"), to: "folded.exe")
        let result = try Armready.run(["inspect", "--format", "json", "folded.exe"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let file = try #require((try result.json()["files"] as? [[String: Any]])?.first)
        #expect(file["machine"] as? Int == 0x14C)
        #expect(file["execution"] as? String == "x86")
        let warnings = try #require(file["warnings"] as? [[String: String]])
        #expect(
            warnings.contains {
                $0 == ["structure": "imports", "message": "import directory RVA 0x86600010 is not backed by file data"]
            })

        let text = try Armready.run(["inspect", "folded.exe"], in: tree.url)
        #expect(text.status == 0)
        #expect(
            field("warning", in: text.stdout) == "imports: import directory RVA 0x86600010 is not backed by file data",
            "\(text.stdout)")
    }

    @Test func inspectMissingFileExitsOne() throws {
        let tree = try TemporaryTree()
        let result = try Armready.run(["inspect", "nope.exe"], in: tree.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("nope.exe"))
    }

    @Test func factsShowTheISAAndTheVerdict() throws {
        let result = try Armready.run(["facts", "Samples/Simulator/sim.exe"], in: Armready.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# Samples/Simulator/sim.exe")
        let isa = try #require(lines.first { $0.hasPrefix("isa.x86 = ") }, "\(result.stdout)")
        #expect(isa.contains("avx512f"), "\(isa)")
        #expect(lines.contains { $0.hasPrefix("# verdict: blocked") }, "\(result.stdout)")
    }

    @Test func factsOnANonBinaryExitsOne() throws {
        let result = try Armready.run(["facts", "Samples/NativeEditor/notes.txt"], in: Armready.packageRoot)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("error: Samples/NativeEditor/notes.txt: not a PE or ELF binary"), "\(result.stderr)")
    }

    @Test func rulesTestRunsEveryExample() throws {
        let result = try Armready.run(["rules", "test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let ruleFiles = try FileManager.default.contentsOfDirectory(
            atPath: Armready.packageRoot.appendingPathComponent("Rules").path
        )
        .filter { $0.hasSuffix(".yaml") }
        #expect(result.stdout.hasPrefix("\(ruleFiles.count) rules, "), "\(result.stdout)")
        #expect(result.stdout.contains(", 0 failed"), "\(result.stdout)")
    }

    @Test func rulesShowPrintsTheRuleFile() throws {
        let result = try Armready.run(["rules", "show", "pe-arm64-native"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = try String(
            contentsOf: Armready.packageRoot.appendingPathComponent("Rules/pe-arm64-native.yaml"), encoding: .utf8)
        #expect(result.stdout == file)

        let missing = try Armready.run(["rules", "show", "no-such-rule"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: no rule with id 'no-such-rule'\n")
    }

    @Test func rulesTargetsListsTheBuiltInProfiles() throws {
        let result = try Armready.run(["rules", "targets"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").compactMap { $0.split(separator: ":").first.map(String.init) }
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Armready.packageRoot.appendingPathComponent("Rules/targets").path
        )
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        #expect(names.map { $0.replacingOccurrences(of: " (default)", with: "") } == files.sorted())
        #expect(names.contains("copilot-plus-pc (default)"))
        #expect(files.count == 3)
    }

    /// A profile in a `--rules` folder's `targets/` is usable with `--target`, so
    /// `rules targets --rules DIR` (whose help promises it) must list it.
    @Test func rulesTargetsIncludesTargetsFromRulesFolders() throws {
        let tree = try TemporaryTree()
        let builtIn = try String(
            contentsOf: Armready.packageRoot.appendingPathComponent("Rules/targets/copilot-plus-pc.yaml"),
            encoding: .utf8)
        let renamed = builtIn.components(separatedBy: "\n").map { $0.hasPrefix("name: ") ? "name: my-target" : $0 }
            .joined(separator: "\n")
        try tree.write(renamed, to: "myrules/targets/my-target.yaml")
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "app")
        let scan = try Armready.run(
            ["scan", "app", "--rules", "myrules", "--target", "my-target", "--report", "json"], in: tree.url)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect((try ScanJSON(scan).root["target"] as? [String: Any])?["name"] as? String == "my-target")

        let listed = try Armready.run(["rules", "targets", "--rules", "myrules"], in: tree.url)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("my-target"), "\(listed.stdout)")
    }

    @Test func unknownTargetIsIncompleteAndNamesTheChoices() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "app")
        let result = try Armready.run(["scan", "app", "--target", "no-such-target"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("no-such-target"))
        #expect(result.stderr.contains("copilot-plus-pc"), "\(result.stderr)")
    }
}
