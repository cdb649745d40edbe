import Foundation
import Testing

/// What users of ripgrep, ruff and git expect from a command line: `-` is standard output, no
/// path means `.`, a typo gets a suggestion, and `--version` says exactly which build this is.
@Suite("armready: command-line conventions")
struct CommandLineConventionTests {
    @Test(.timeLimit(.minutes(10)))
    func formatEqualsDashWritesToStandardOutput() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "in/AudioHost")
        let json = try Armready.run(["scan", "in", "-q", "--report", "json=-"], in: tree.url)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try json.json()["schemaVersion"] as? Int == 1)
        #expect(try tree.entries() == ["in"], "no file named -")

        // One report on standard output, the others in files; no table is added.
        let mixed = try Armready.run(
            ["scan", "in", "-q", "--report", "sarif=-", "--report", "markdown=summary.md"], in: tree.url)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(try mixed.json()["version"] as? String == "2.1.0")
        #expect(try tree.entries() == ["in", "summary.md"])
    }

    @Test(arguments: [
        ["--report", "json=-", "--report", "sarif=-"],
        ["--report", "json=-", "--report", "table"],
        ["--report", "markdown", "--report", "html=-"],
    ])
    func twoReportsOnStandardOutputAreAUsageError(reports: [String]) throws {
        let result = try Armready.run(["scan", "."] + reports)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Only one --report can go to standard output"), "\(result.stderr)")
        #expect(result.stderr.contains("both would"), "\(result.stderr)")
    }

    @Test func twoReportsToOneFileAreAUsageError() throws {
        let result = try Armready.run(["scan", ".", "--report", "json=a", "--report", "sarif=a"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Two --report options write a"), "\(result.stderr)")
    }

    @Test(.timeLimit(.minutes(10)))
    func scanWithoutPathsScansTheCurrentDirectory() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "AudioHost")
        let result = try Armready.run(["scan", "-q", "--report", "json=-"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["roots"] as? [String] == ["."])
        let paths = (json["binaries"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
        #expect(paths.contains("AudioHost/host.exe"), "\(paths)")
    }

    @Test(arguments: [("scna", "scan"), ("rulez", "rules"), ("inspcet", "inspect"), ("SCAN", "scan")])
    func mistypedSubcommandSuggestsTheNearest(typed: String, meant: String) throws {
        let result = try Armready.run([typed, "."])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("Error: Unknown subcommand '\(typed)'. Did you mean '\(meant)'?"),
            "\(result.stderr)")
        #expect(result.stderr.contains("Usage: armready"), "\(result.stderr)")
    }

    @Test func unrelatedWordGetsNoSuggestion() throws {
        let result = try Armready.run(["frobnicate"])
        #expect(result.status == 64)
        #expect(!result.stderr.contains("Did you mean"), "\(result.stderr)")
    }

    /// `armready 0.1.0 (commit 3dd40e8, rules 1a2b3c4d)`: the rules digest is SHA-256 over
    /// Rules/ (path, NUL, text, NUL per file in path order), computed here by Python's hashlib.
    @Test func versionNamesTheCommitAndTheRuleSet() throws {
        let result = try Armready.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        let pattern = #/^armready (\d+\.\d+\.\d+) \(commit ([0-9a-f]{7}|unknown), rules ([0-9a-f]{8})\)$/#
        let match = try #require(line.wholeMatch(of: pattern), "\(line)")
        let script = """
            import hashlib, pathlib, sys
            root = pathlib.Path(sys.argv[1])
            files = sorted(p for p in (root / "Rules").rglob("*") if p.is_file() and not p.name.startswith("."))
            digest = hashlib.sha256()
            for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
                text = path.read_text(encoding="utf-8").replace("\\r\\n", "\\n")
                digest.update(path.relative_to(root).as_posix().encode() + b"\\0" + text.encode() + b"\\0")
            print(digest.hexdigest()[:8])
            """
        let python = try Self.output(["python3", "-c", script, Armready.packageRoot.path])
        #expect(python.status == 0)
        #expect(String(match.3) == python.text.trimmingCharacters(in: .newlines))
        // The commit exists in the repository the binary was built from.
        let commit = String(match.2)
        let git = try Self.output(["git", "-C", Armready.packageRoot.path, "rev-parse", "--git-dir"])
        if git.status == 0 {
            #expect(commit != "unknown")
            let exists = try Self.output([
                "git", "-C", Armready.packageRoot.path, "cat-file", "-e", commit + "^{commit}",
            ])
            #expect(exists.status == 0, "\(commit) is not a commit of \(Armready.packageRoot.path)")
        }
    }

    static func output(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// x86-64 ELF (EM_X86_64, 62, as readelf names it in Samples/expected.json) executes as x64,
    /// in `scan` as in `inspect`.
    @Test(.timeLimit(.minutes(10)))
    func elfExecutionAgreesBetweenScanAndInspect() throws {
        let scan = try Armready.run(
            ["scan", "Samples/LinuxTools", "-q", "--report", "json=-"], in: Armready.packageRoot)
        #expect(scan.status == 1 || scan.status == 0, "\(scan.stderr)")
        let binaries = try #require(try scan.json()["binaries"] as? [[String: Any]])
        let byPath = Dictionary(
            uniqueKeysWithValues: binaries.compactMap { binary in
                (binary["path"] as? String).map { ($0, binary["execution"] as? String) }
            })
        #expect(byPath["tool-x64"] == "x64")
        #expect(byPath["tool-arm64"] == "arm64")
        let inspect = try Armready.run(
            ["inspect", "--format", "json", "Samples/LinuxTools/tool-x64", "Samples/LinuxTools/tool-arm64"],
            in: Armready.packageRoot)
        let files = try #require(try inspect.json()["files"] as? [[String: Any]])
        for file in files {
            let path = try #require(file["path"] as? String)
            let name = String(path.split(separator: "/").last ?? "")
            #expect(file["execution"] as? String == byPath[name] ?? nil, "\(path)")
        }
    }
}
