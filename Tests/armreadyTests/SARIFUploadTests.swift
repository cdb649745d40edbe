import Foundation
import Testing

/// SARIF that GitHub code scanning keeps: alerts survive a rebuild, the category is ours only
/// when asked, and every URI is relative to the checkout (ci-and-reports.md §3).
@Suite("armready: SARIF for GitHub code scanning")
struct SARIFUploadTests {
    /// The results of a SARIF file: (uri, uriBaseId, fingerprints, properties) each.
    struct Result {
        var ruleID: String
        var uri: String
        var baseID: String
        var fingerprints: [String: String]
        var sha256: String?
    }

    static func results(_ sarif: [String: Any]) throws -> [Result] {
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        return try #require(run["results"] as? [[String: Any]]).map { result in
            let artifact = try #require(
                ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                    "artifactLocation"] as? [String: Any])
            return Result(
                ruleID: try #require(result["ruleId"] as? String), uri: try #require(artifact["uri"] as? String),
                baseID: try #require(artifact["uriBaseId"] as? String),
                fingerprints: try #require(result["partialFingerprints"] as? [String: String]),
                sha256: (result["properties"] as? [String: Any])?["sha256"] as? String)
        }
    }

    static func run(_ sarif: [String: Any]) throws -> [String: Any] {
        try #require((sarif["runs"] as? [[String: Any]])?.first)
    }

    /// Sets the PE TimeDateStamp of the file at `url`: 4 bytes at e_lfanew + 8 (the COFF file
    /// header follows the 4-byte `PE\0\0` signature; TimeDateStamp is its third field, PE/COFF
    /// specification §3.3).
    static func setTimeDateStamp(_ url: URL, to stamp: UInt32) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let lfanew = Int(bytes[0x3C]) | Int(bytes[0x3D]) << 8 | Int(bytes[0x3E]) << 16 | Int(bytes[0x3F]) << 24
        #expect(Array(bytes[lfanew..<lfanew + 4]) == [0x50, 0x45, 0, 0], "PE signature at e_lfanew")
        for index in 0..<4 { bytes[lfanew + 8 + index] = UInt8(truncatingIfNeeded: stamp >> (8 * index)) }
        try Data(bytes).write(to: url)
    }

    /// llvm-readobj's reading of the COFF header's TimeDateStamp (`0x…`), nil without the tool.
    static func readobjTimeDateStamp(_ url: URL) throws -> String? {
        let readobj = ["/usr/bin/llvm-readobj", "/usr/bin/llvm-readobj-14"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let readobj else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: readobj)
        process.arguments = ["--file-headers", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = text.split(separator: "\n").first { $0.contains("TimeDateStamp:") }
        return line.flatMap { $0.split(separator: "(").last.map { String($0.dropLast()) } }
    }

    @Test(.timeLimit(.minutes(10)))
    func rebuildThatOnlyChangesTimeDateStampKeepsEveryFingerprint() throws {
        let tree = try TemporaryTree()
        for app in ["AudioHost", "PhotoTool", "Simulator", "LegacyInstaller"] {
            try tree.copy(TemporaryTree.sample(app), to: "dist/\(app)")
        }
        let arguments = ["scan", "dist", "--quiet", "--report", "sarif=out.sarif", "--source-root", "."]
        let before = try Armready.run(arguments, in: tree.url)
        #expect(before.status == 0, "\(before.stderr)")
        let first = try Self.results(try tree.json(at: "out.sarif"))

        let rebuilt = ["dist/AudioHost/host.exe", "dist/PhotoTool/codec.dll", "dist/Simulator/sim.exe"]
        for path in rebuilt {
            let url = tree.url.appendingPathComponent(path)
            try Self.setTimeDateStamp(url, to: 0x6A00_0001)
            if let stamp = try Self.readobjTimeDateStamp(url) { #expect(stamp == "0x6A000001", "\(path)") }
        }
        let after = try Armready.run(arguments, in: tree.url)
        #expect(after.status == 0, "\(after.stderr)")
        let second = try Self.results(try tree.json(at: "out.sarif"))

        #expect(first.count >= 5)
        #expect(second.count == first.count)
        for (old, new) in zip(first, second) {
            #expect(old.ruleID == new.ruleID && old.uri == new.uri)
            #expect(old.fingerprints == new.fingerprints, "\(new.uri) \(new.ruleID)")
            #expect(old.fingerprints["primaryLocationLineHash"] != nil)
            // The digest is still reported, and it did change for the rebuilt files.
            let wasRebuilt = rebuilt.contains(new.uri)
            #expect(new.sha256 != nil)
            #expect((old.sha256 != new.sha256) == wasRebuilt, "\(new.uri)")
        }
        #expect(Set(second.map(\.uri)).isSuperset(of: rebuilt))
    }

    @Test(.timeLimit(.minutes(10)))
    func categoryOnlyWhenAsked() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "dist/AudioHost")
        let with = try Armready.run(
            ["scan", "dist", "-q", "--report", "sarif=a.sarif", "--sarif-category", "x"], in: tree.url)
        #expect(with.status == 0, "\(with.stderr)")
        let details = try Self.run(try tree.json(at: "a.sarif"))["automationDetails"] as? [String: Any]
        // GitHub's category is what comes before the last `/`: `x/` is category x.
        #expect(details?["id"] as? String == "x/")
        let without = try Armready.run(["scan", "dist", "-q", "--report", "sarif=b.sarif"], in: tree.url)
        #expect(without.status == 0, "\(without.stderr)")
        #expect(try Self.run(try tree.json(at: "b.sarif"))["automationDetails"] == nil)
        let empty = try Armready.run(
            ["scan", "dist", "--report", "sarif=c.sarif", "--sarif-category", ""], in: tree.url)
        #expect(empty.status == 64)
    }

    /// Roots beside and above the checkout, relative and absolute, and one inside it: URIs are
    /// never absolute and never climb with `..`; the outside ones have their own declared base.
    @Test(.timeLimit(.minutes(10)))
    func rootsOutsideTheSourceRootGiveNoDotDotOrAbsoluteURIs() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "repo/dist/AudioHost")
        try tree.copy(TemporaryTree.sample("Renderer"), to: "elsewhere/Renderer")
        try tree.copy(TemporaryTree.sample("Simulator"), to: "third/Simulator")
        let absolute = tree.url.appendingPathComponent("third").path
        let repo = tree.url.appendingPathComponent("repo")
        let result = try Armready.run(
            ["scan", "dist", "../elsewhere", absolute, "-q", "--report", "sarif=out.sarif"], in: repo,
            environment: ["GITHUB_WORKSPACE": repo.path])
        #expect(result.status == 0, "\(result.stderr)")
        let sarif = try tree.json(at: "repo/out.sarif")
        let results = try Self.results(sarif)
        #expect(Set(results.map(\.baseID)) == ["%SRCROOT%", "ROOT2", "ROOT3"])
        for result in results {
            #expect(!result.uri.hasPrefix("/") && !result.uri.contains(":"), "\(result.uri)")
            #expect(!result.uri.split(separator: "/").contains(".."), "\(result.uri)")
        }
        #expect(results.contains { $0.baseID == "%SRCROOT%" && $0.uri == "dist/AudioHost/host.exe" })
        #expect(results.contains { $0.baseID == "ROOT2" && $0.uri == "Renderer/render.exe" })
        #expect(results.contains { $0.baseID == "ROOT3" && $0.uri == "Simulator/sim.exe" })
        let run = try Self.run(sarif)
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(Set(bases.keys) == ["%SRCROOT%", "ROOT2", "ROOT3"])
        let notes = try #require(
            (run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 2)
        try SARIFSchema.expectValid(tree.url.appendingPathComponent("repo/out.sarif"))
    }

    /// With no GITHUB_WORKSPACE the working directory is the checkout; `--source-root` moves it.
    @Test(.timeLimit(.minutes(10)))
    func sourceRootOptionMakesURIsRelativeToIt() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("AudioHost"), to: "repo/build/AudioHost")
        let build = tree.url.appendingPathComponent("repo/build")
        let result = try Armready.run(
            ["scan", "-q", "--report", "sarif=../out.sarif", "--source-root", ".."], in: build,
            environment: ["GITHUB_WORKSPACE": ""])
        #expect(result.status == 0, "\(result.stderr)")
        let uris = try Self.results(try tree.json(at: "repo/out.sarif")).map(\.uri)
        #expect(!uris.isEmpty && uris.allSatisfy { $0.hasPrefix("build/AudioHost/") }, "\(uris)")
        let missing = try Armready.run(["scan", "--source-root", "no-such-dir"], in: build)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--source-root no-such-dir is not a directory"), "\(missing.stderr)")
    }
}

/// scripts/validate-sarif.py (python3-jsonschema) against the SARIF 2.1.0 schema.
enum SARIFSchema {
    static func expectValid(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Armready.packageRoot.appendingPathComponent("scripts/validate-sarif.py").path, file.path,
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
