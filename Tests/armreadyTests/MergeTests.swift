#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// `scan --shard I/N` and `armready merge`: N shards merged are one scan of the whole tree.
@Suite("armready: sharded scans and merge")
struct MergeTests {
    /// Samples' applications and the test fixtures (packages, damaged files, ELF, PE, .NET) as
    /// top-level folders of `root/`, a library in that root itself, and a configuration with a
    /// suppression and a gate, so every part of the report has something to merge. Reports go
    /// beside `root/`, never into the scanned tree.
    private func mixedTree() throws -> TemporaryTree {
        let tree = try TemporaryTree()
        let samples = TemporaryTree.sample("")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() {
            var isDirectory: ObjCBool = false
            let source = samples.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue,
                name != "src"
            {
                try tree.copy(source, to: "root/" + name)
            }
        }
        for name in ["archives", "corkami", "dotnet", "elf", "isa", "pe"] {
            try tree.copy(TemporaryTree.fixture(name), to: "root/fixtures-" + name)
        }
        try tree.copy(TemporaryTree.fixture("elf/x86_64_lib.so"), to: "root/libroot.so")
        // Special files: diagnostics of the root's shard and of a folder's.
        #expect(mkfifo(tree.url.appendingPathComponent("root/pipe").path, 0o600) == 0)
        #expect(mkfifo(tree.url.appendingPathComponent("root/Renderer/pipe").path, 0o600) == 0)
        try tree.write(
            """
            version: 1
            fail-on: blocked
            suppressions:
              - rule: com-server-not-arm64
                binary: "ShellExt/*.dll"
                reason: "tracked in #123"
            """, to: "root/armready.yml")
        return tree
    }

    /// The report with its top-level `sources` member written as for a scan (`null`); the
    /// rest of the bytes untouched.
    private func withoutSources(_ json: String) -> String {
        var lines = json.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "  \"sources\" : ["),
            let end = lines[start...].firstIndex(where: { $0 == "  ]," })
        else { return json }
        lines.replaceSubrange(start...end, with: ["  \"sources\" : null,"])
        return lines.joined(separator: "\n")
    }

    @Test(.timeLimit(.minutes(10)))
    func threeShardsMergeIntoTheUnshardedReport() throws {
        let tree = try mixedTree()
        let whole = try Armready.run(["scan", "-q", "--report", "json=whole.json", "root"], in: tree.url)
        #expect(whole.status == 1, "the samples hold blocked binaries: \(whole.stderr)")
        var shardBinaries: [Int] = []
        for index in 1...3 {
            let shard = try Armready.run(
                ["scan", "-q", "--shard", "\(index)/3", "--report", "json=shard-\(index).json", "root"], in: tree.url)
            #expect(shard.status <= 1, "\(shard.stderr)")
            let binaries = try #require(try tree.json(at: "shard-\(index).json")["binaries"] as? [Any])
            shardBinaries.append(binaries.count)
        }
        let wholeBinaries = try #require(try tree.json(at: "whole.json")["binaries"] as? [Any])
        #expect(shardBinaries.allSatisfy { $0 > 0 }, "every shard has work: \(shardBinaries)")
        #expect(shardBinaries.reduce(0, +) == wholeBinaries.count)
        let diagnostics = try #require(try tree.json(at: "whole.json")["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.compactMap { $0["path"] as? String } == ["Renderer/pipe", "pipe"])

        let merged = try Armready.run(
            ["merge", "-q", "shard-1.json", "shard-2.json", "shard-3.json", "--report", "json=merged.json"],
            in: tree.url)
        #expect(merged.status == 1, "the gate fails as it did for the whole scan: \(merged.stderr)")
        let wholeText = try String(contentsOf: tree.url.appendingPathComponent("whole.json"), encoding: .utf8)
        let mergedText = try String(contentsOf: tree.url.appendingPathComponent("merged.json"), encoding: .utf8)
        #expect(wholeText.contains("\"sources\" : null,"))
        #expect(withoutSources(mergedText) == wholeText)
        // Shard order on the command line does not matter.
        let reversed = try Armready.run(
            ["merge", "-q", "shard-3.json", "shard-1.json", "shard-2.json", "--report", "json=-"], in: tree.url)
        #expect(withoutSources(reversed.stdout) == wholeText)

        let sources = try #require(try tree.json(at: "merged.json")["sources"] as? [[String: Any]])
        #expect(sources.map { $0["file"] as? String } == ["shard-1.json", "shard-2.json", "shard-3.json"])
        #expect(sources.allSatisfy { $0["label"] is NSNull && $0["target"] as? String == "copilot-plus-pc" })
        #expect(sources.allSatisfy { $0["roots"] as? [String] == ["root"] })
        try ReportSchema.expectValid(tree.url.appendingPathComponent("merged.json"))
    }

    /// One report merged alone is itself: the JSON decodes back into the model and encodes to
    /// the same bytes.
    @Test(.timeLimit(.minutes(10)))
    func aReportRoundTripsThroughMerge() throws {
        let tree = try mixedTree()
        #expect(try Armready.run(["scan", "-q", "--report", "json=whole.json", "root"], in: tree.url).status == 1)
        let merged = try Armready.run(["merge", "-q", "whole.json", "--report", "json=-"], in: tree.url)
        #expect(merged.status == 1, "\(merged.stderr)")
        let wholeText = try String(contentsOf: tree.url.appendingPathComponent("whole.json"), encoding: .utf8)
        #expect(withoutSources(merged.stdout) == wholeText)
    }

    @Test(.timeLimit(.minutes(10)))
    func reportsForDifferentTargetsAreRefused() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "AudioHost")
        #expect(try Armready.run(["scan", "-q", "--report", "json=a.json", "AudioHost"], in: tree.url).status == 0)
        let other = try Armready.run(
            ["scan", "-q", "--target", "windows-arm64-23h2", "--report", "json=b.json", "AudioHost"], in: tree.url)
        #expect(other.status == 0, "\(other.stderr)")
        let merged = try Armready.run(["merge", "a.json", "b.json"], in: tree.url)
        #expect(merged.status == 2)
        #expect(
            merged.stderr.contains(
                "error: cannot merge: a.json rates for target copilot-plus-pc but b.json for windows-arm64-23h2"),
            "\(merged.stderr)")
        #expect(merged.stdout.isEmpty)
    }

    @Test(.timeLimit(.minutes(10)))
    func reportsOfAnotherContractOrVersionAreRefused() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "AudioHost")
        #expect(try Armready.run(["scan", "-q", "--report", "json=a.json", "AudioHost"], in: tree.url).status == 0)
        let text = try String(contentsOf: tree.url.appendingPathComponent("a.json"), encoding: .utf8)
        try tree.write(
            text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2"), to: "v2.json")
        let newer = try Armready.run(["merge", "a.json", "v2.json"], in: tree.url)
        #expect(newer.status == 2)
        #expect(newer.stderr.contains("v2.json: the report has schemaVersion 2"), "\(newer.stderr)")
        let version = try #require(text.firstRange(of: "\"version\" : \""))
        var older = text
        older.insert(contentsOf: "0.0.0-old-", at: version.upperBound)
        try tree.write(older, to: "old.json")
        let mixed = try Armready.run(["merge", "a.json", "old.json"], in: tree.url)
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("versions rate by different rules"), "\(mixed.stderr)")
        try tree.write("{\"schemaVersion\": 1}", to: "bare.json")
        let bare = try Armready.run(["merge", "bare.json"], in: tree.url)
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("bare.json: not an armready JSON report"), "\(bare.stderr)")
    }

    /// Two machines' reports of the same folders: refused unlabelled, kept apart labelled.
    @Test(.timeLimit(.minutes(10)))
    func duplicatePathsNeedLabels() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "pc1/AudioHost")
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "pc2/AudioHost")
        #expect(
            try Armready.run(
                ["scan", "-q", "--report", "json=../pc-1.json"], in: tree.url.appendingPathComponent("pc1")
            ).status == 0)
        #expect(
            try Armready.run(
                ["scan", "-q", "--report", "json=../pc-2.json"], in: tree.url.appendingPathComponent("pc2")
            ).status == 0)

        let refused = try Armready.run(["merge", "pc-1.json", "pc-2.json"], in: tree.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("AudioHost/host.exe is in both pc-1.json and pc-2.json"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--label-sources"), "\(refused.stderr)")

        let labelled = try Armready.run(
            ["merge", "-q", "--label-sources", "pc-1.json", "pc-2.json", "--report", "json=-"], in: tree.url)
        #expect(labelled.status == 0, "\(labelled.stderr)")
        let report = try ScanJSON(labelled)
        let one = try ScanJSON(try Armready.run(["merge", "-q", "pc-1.json", "--report", "json=-"], in: tree.url))
        #expect(report.binaries.count == 2 * one.binaries.count)
        #expect(try report.verdict("pc-1/AudioHost/host.exe") == one.verdict("AudioHost/host.exe"))
        #expect(try report.verdict("pc-2/AudioHost/host.exe") == one.verdict("AudioHost/host.exe"))
        let json = try labelled.json()
        let ids = try #require(json["applications"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == ["pc-1/AudioHost", "pc-2/AudioHost"])
        #expect(json["roots"] as? [String] == ["pc-1", "pc-2"])

        let named = try Armready.run(["merge", "-q", "a=pc-1.json", "b=pc-2.json", "--report", "json=-"], in: tree.url)
        #expect(named.status == 0, "\(named.stderr)")
        let sources = try #require(try named.json()["sources"] as? [[String: Any]])
        #expect(sources.map { $0["label"] as? String } == ["a", "b"])
        #expect(sources.map { $0["file"] as? String } == ["pc-1.json", "pc-2.json"])
        let twice = try Armready.run(["merge", "a=pc-1.json", "a=pc-2.json"], in: tree.url)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("the label a is given to two reports"), "\(twice.stderr)")
    }

    /// An executable in the scanned root makes the root one application over every shard:
    /// merge refuses rather than report applications the whole scan would not.
    @Test(.timeLimit(.minutes(10)))
    func anApplicationSplitAcrossShardsIsRefused() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.fixture("pe/x64_gui.exe"), to: "root/app.exe")
        // A folder whose shard (of 2) differs from that of the root's own files (`.`).
        let folder = try #require(
            (0..<100).map { "plugins\($0)" }.first { FNV1a.hash($0) % 2 != FNV1a.hash(".") % 2 })
        try tree.copy(TemporaryTree.fixture("pe/x64_exports.dll"), to: "root/" + folder + "/plugin.dll")
        for index in 1...2 {
            let shard = try Armready.run(
                ["scan", "-q", "--shard", "\(index)/2", "--report", "json=shard-\(index).json", "root"], in: tree.url)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merged = try Armready.run(["merge", "shard-1.json", "shard-2.json"], in: tree.url)
        #expect(merged.status == 2)
        #expect(
            merged.stderr.contains("\(folder)/plugin.dll (in shard-")
                && merged.stderr.contains("but to . in the whole tree"),
            "\(merged.stderr)")
    }

    /// Each shard holds exactly the top-level folders (and, for `.`, the root's own files) that
    /// FNV-1a of their names assigns to it.
    @Test(.timeLimit(.minutes(10)))
    func shardsFollowTheHashOfTheTopLevelFolder() throws {
        let tree = try mixedTree()
        let whole = try Armready.run(["scan", "-q", "--report", "json=-", "root"], in: tree.url)
        func key(_ path: String) -> String {
            path.split(separator: "/").count > 1 ? String(path.prefix { $0 != "/" }) : "."
        }
        let keys = Set(try ScanJSON(whole).paths.map(key))
        #expect(keys.count > 10 && keys.contains("."))
        for index in 1...3 {
            let shard = try Armready.run(
                ["scan", "-q", "--shard", "\(index)/3", "--report", "json=-", "root"], in: tree.url)
            let got = Set(try ScanJSON(shard).paths.map(key))
            #expect(got == keys.filter { FNV1a.hash($0) % 3 == UInt64(index - 1) }, "shard \(index)")
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func mergedSARIFValidatesAgainstTheSchema() throws {
        let tree = try mixedTree()
        for index in 1...3 {
            _ = try Armready.run(
                ["scan", "-q", "--shard", "\(index)/3", "--report", "json=shard-\(index).json", "root"], in: tree.url)
        }
        let merged = try Armready.run(
            [
                "merge", "-q", "--label-sources", "shard-1.json", "shard-2.json", "shard-3.json", "--report",
                "sarif=merged.sarif", "--report", "html=merged.html",
            ],
            in: tree.url)
        #expect(merged.status == 1, "\(merged.stderr)")
        try SARIFSchema.expectValid(tree.url.appendingPathComponent("merged.sarif"))
        let html = try String(contentsOf: tree.url.appendingPathComponent("merged.html"), encoding: .utf8)
        #expect(html.contains("shard-2/"))
    }

    @Test(.timeLimit(.minutes(10)), arguments: ["0/3", "4/3", "1/0", "-1/3", "1/", "/3", "a/b", "1/2/3", "2"])
    func shardArgumentsAreValidated(_ argument: String) throws {
        let tree = try TemporaryTree()
        let result = try Armready.run(["scan", "--shard", argument, "."], in: tree.url)
        #expect(result.status == 64, "\(argument): \(result.stderr)")
        #expect(result.stderr.contains("--shard"), "\(result.stderr)")
    }

    @Test func fnv1aMatchesThePublishedVectors() {
        // From the FNV reference (draft-eastlake-fnv, test vectors for FNV-1a 64).
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
    }
}

/// scripts/validate-sarif.py --schema docs/report.schema.json: the merged report is the JSON contract.
enum ReportSchema {
    static func expectValid(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Armready.packageRoot.appendingPathComponent("scripts/validate-sarif.py").path, "--schema",
            Armready.packageRoot.appendingPathComponent("docs/report.schema.json").path, file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)", sourceLocation: sourceLocation)
    }
}

/// 64-bit FNV-1a, written from the spec, so the tests can predict shards independently of
/// armready's own implementation.
enum FNV1a {
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
