import Foundation
import Readiness
import Scanning
import Testing

@testable import Reporting

@Suite("Report SARIF")
struct ReportSARIFTests {
    let sarif = SARIFRenderer.render(SampleReport.make())

    func decoded() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    }

    func run() throws -> [String: Any] {
        let runs = try #require(try decoded()["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func matchesGolden() {
        GoldenFile.check(sarif, name: "sample.sarif")
    }

    @Test func isDeterministic() {
        #expect(SARIFRenderer.render(SampleReport.make()) == sarif)
    }

    /// The SARIF 2.1.0 JSON schema (OASIS errata01) accepts the log, checked by `jsonschema`.
    /// A missing validator is a failure, not a skip: scripts/setup.sh installs it for CI.
    @Test func validatesAgainstSARIFSchema() throws {
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let output = try ExternalTool.validate(sarif, name: "sample.sarif")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    /// The validator is not vacuous: a result without a message and with a bad level is rejected.
    @Test func validatorRejectsBrokenSARIF() throws {
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let broken = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
              "results": [{"ruleId": "r", "level": "fatal"}]}]}
            """
        let output = try ExternalTool.validate(broken, name: "broken.sarif")
        #expect(output.status == 1)
        #expect(output.stdout.contains("message"))
    }

    @Test func headerAndRun() throws {
        let log = try decoded()
        #expect(log["version"] as? String == "2.1.0")
        let run = try run()
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "armready")
        #expect(driver["version"] as? String == "0.0.0-test")
        #expect(driver["informationUri"] as? String == "https://github.com/armready/armready")
        // No category unless asked: upload-sarif fills `automationDetails` only when it is missing.
        #expect(run["automationDetails"] == nil)
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(Array(bases.keys) == ["%SRCROOT%"])
        #expect(run["invocations"] == nil)
    }

    /// `--sarif-category x` is the category GitHub reads from `x/`, as upload-sarif's own
    /// `category: x` input writes it (github/codeql-action `getAutomationID`).
    @Test func categoryBecomesAutomationDetails() throws {
        let layout = SARIFSourceLayout.workingDirectoryIsSourceRoot(roots: ["dist"])
        for (category, id) in [("x", "x/"), ("armready/windows/", "armready/windows/")] {
            let text = SARIFRenderer.render(
                SampleReport.make(), options: SARIFOptions(layout: layout, category: category))
            let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let run = try #require((object["runs"] as? [[String: Any]])?.first)
            #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == id)
        }
    }

    /// GitHub code scanning's requirements for every result (ci-and-reports.md §3).
    @Test func everyResultIsUsableByGitHub() throws {
        let run = try run()
        let rules = try #require(
            (run["tool"] as? [String: Any]).flatMap { ($0["driver"] as? [String: Any])?["rules"] as? [[String: Any]] })
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        let results = try #require(run["results"] as? [[String: Any]])
        // Non-native findings: avx512.dll 2, filter.sys 1, PhotoEditor.exe 1, legacy.dll 2,
        // R&D tool 1, helper32 1; broken.dll unanalysable 1; Viewer.exe application reason 1.
        #expect(results.count == 10)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            #expect((result["ruleIndex"] as? Int).map { ruleIDs[$0] } == ruleID)
            let text = (result["message"] as? [String: Any])?["text"] as? String
            #expect(text?.trimmingCharacters(in: .whitespaces).isEmpty == false)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == 1)
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(physical["artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(uri.hasPrefix("dist/"))
            #expect(!uri.contains("://") && !uri.contains(" ") && !uri.contains("<"))
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 1)
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            let fingerprint = fingerprints["armready/v2"] ?? ""
            #expect(fingerprint.count == 64 && fingerprint.allSatisfy(\.isHexDigit))
            #expect(fingerprints["primaryLocationLineHash"] == fingerprint.prefix(16) + ":1")
        }
        for rule in rules {
            for key in ["shortDescription", "fullDescription"] {
                let text = (rule[key] as? [String: Any])?["text"] as? String
                #expect(text?.isEmpty == false)
            }
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false)
            #expect(help["markdown"]?.isEmpty == false)
            #expect(rule["defaultConfiguration"] != nil)
            #expect(((rule["properties"] as? [String: Any])?["tags"] as? [String])?.isEmpty == false)
        }
        let levels = Dictionary(
            uniqueKeysWithValues: rules.map {
                ($0["id"] as? String ?? "", ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String)
            })
        #expect(levels["x86-avx512-required"] == "error")
        #expect(levels["x64-plugin-arm64-host"] == "warning")
        #expect(levels["pe-x64-emulated"] == "note")
        #expect(levels["pe-arm64-native"] == "none")
        #expect(levels["armready/unanalysable"] == "warning")
    }

    /// `armready/v2` = SHA-256 of rule id, path in the checkout, application and format:machine,
    /// one per line, checked with coreutils' sha256sum; the digest is a property, not an input.
    @Test func fingerprintMatchesSha256sum() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let first = try #require(results.first { $0["ruleId"] as? String == "x86-avx512-required" })
        let identity = "x86-avx512-required\ndist/PhotoEditor/filters/avx512.dll\nPhotoEditor\npe:0x8664"
        let expected = try ExternalTool.run(["sha256sum"], input: identity)
        let hex = String(expected.stdout.prefix(64))
        let fingerprints = try #require(first["partialFingerprints"] as? [String: String])
        #expect(fingerprints["armready/v2"] == hex)
        #expect(fingerprints["primaryLocationLineHash"] == hex.prefix(16) + ":1")
        #expect((first["properties"] as? [String: Any])?["sha256"] as? String == SampleReport.hash("a5"))
    }

    /// A rebuild changes every digest (a new PE TimeDateStamp) and nothing GitHub matches alerts on.
    @Test func fingerprintsIgnoreTheDigest() throws {
        var rebuilt = SampleReport.make()
        for index in rebuilt.binaries.indices { rebuilt.binaries[index].sha256 = SampleReport.hash("ff") }
        func fingerprints(_ text: String) throws -> [[String: String]] {
            let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let results = try #require((object["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            return results.compactMap { $0["partialFingerprints"] as? [String: String] }
        }
        let before = try fingerprints(sarif)
        #expect(before.count == 10)
        #expect(try fingerprints(SARIFRenderer.render(rebuilt)) == before)
        #expect(Set(before.compactMap { $0["primaryLocationLineHash"] }).count == before.count)
    }

    @Test func suppressedFindingCarriesExternalSuppression() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        let suppression = try #require((suppressed.first?["suppressions"] as? [[String: Any]])?.first)
        #expect(suppressed.first?["ruleId"] as? String == "x64-plugin-arm64-host")
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "Loaded only by the x64 host until the Arm64 port ships")
        #expect((suppression["properties"] as? [String: Any])?["expires"] as? String == "2027-06-30")
    }

    @Test func hostileNamesArePercentEncoded() throws {
        let results = try #require(try run()["results"] as? [[String: Any]])
        let uris = results.compactMap {
            (((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])?[
                "artifactLocation"]
                as? [String: Any])?["uri"] as? String
        }
        #expect(uris.contains("dist/Tools/R%26D%20%EF%BF%BDtool.exe"))
        #expect(!sarif.contains("<script>"))
    }

    /// Where one report path lands: (uri, uriBaseId, archive entry).
    func located(_ path: String, roots: [SARIFSourceLayout.Root], sourceRoot: String = "/repo") -> (
        String, String, String?
    ) {
        let location = SARIFArtifactLocator(layout: SARIFSourceLayout(sourceRoot: sourceRoot, roots: roots))
            .locate(path)
        return (location.path, location.baseID, location.archiveEntry)
    }

    func directory(_ name: String, _ absolute: String) -> SARIFSourceLayout.Root {
        SARIFSourceLayout.Root(name: name, absolutePath: absolute, isDirectory: true)
    }

    @Test func urisAreRelativeToTheSourceRoot() {
        let src = "%SRCROOT%"
        #expect(located("a/x.dll", roots: [directory("dist", "/repo/dist")]) == ("dist/a/x.dll", src, nil))
        #expect(
            located("x.dll", roots: [directory("./build//out/", "/repo/build/out")]) == ("build/out/x.dll", src, nil))
        #expect(located("x.dll", roots: [directory(".", "/repo")]) == ("x.dll", src, nil))
        // Several roots: paths start with each root's name.
        let two = [directory("dist", "/repo/dist"), directory("out/bin", "/repo/out/bin")]
        #expect(located("dist/x.dll", roots: two) == ("dist/x.dll", src, nil))
        #expect(located("out/bin/y.exe", roots: two) == ("out/bin/y.exe", src, nil))
        // A root that is the file itself.
        let file = SARIFSourceLayout.Root(name: "bin/app.exe", absolutePath: "/repo/bin/app.exe", isDirectory: false)
        #expect(located("app.exe", roots: [file]) == ("bin/app.exe", src, nil))
        // A file found in a package is the package on disk.
        #expect(
            located("pkg/app.whl!/lib/x.so", roots: [directory("dist", "/repo/dist")])
                == ("dist/pkg/app.whl", src, "lib/x.so"))
        #expect(located("x.dll", roots: [directory("/", "/")], sourceRoot: "/") == ("x.dll", src, nil))
    }

    /// Outside the checkout: a base of its own, never `..` nor an absolute path.
    @Test func rootsOutsideTheSourceRootGetTheirOwnBase() {
        #expect(located("lib/x.so", roots: [directory("/usr/lib", "/usr/lib")]) == ("lib/x.so", "ROOT1", nil))
        #expect(located("x.dll", roots: [directory("../other", "/other")]) == ("x.dll", "ROOT1", nil))
        let mixed = [directory("dist", "/repo/dist"), directory("/opt/app", "/opt/app")]
        #expect(located("/opt/app/bin/y.exe", roots: mixed) == ("bin/y.exe", "ROOT2", nil))
        #expect(located("dist/x.dll", roots: mixed) == ("dist/x.dll", "%SRCROOT%", nil))
        let file = SARIFSourceLayout.Root(name: "/tmp/a.exe", absolutePath: "/tmp/a.exe", isDirectory: false)
        #expect(located("a.exe", roots: [file]) == ("a.exe", "ROOT1", nil))
    }

    @Test func outsideRootsAreDeclaredAndNoted() throws {
        var report = SampleReport.make()
        report.roots = ["../elsewhere"]
        let layout = SARIFSourceLayout(sourceRoot: "/repo", roots: [directory("../elsewhere", "/elsewhere")])
        let text = SARIFRenderer.render(report, options: SARIFOptions(layout: layout))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(Set(bases.keys) == ["%SRCROOT%", "ROOT1"])
        let notes = try #require(
            ((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"]) as? [[String: Any]])
        let note = try #require((notes.first?["message"] as? [String: Any])?["text"] as? String)
        #expect(note.contains("../elsewhere is outside the checkout") && note.contains("10 results"))
        for result in try #require(run["results"] as? [[String: Any]]) {
            let artifact = try #require(
                ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                    "artifactLocation"] as? [String: Any])
            let uri = try #require(artifact["uri"] as? String)
            #expect(artifact["uriBaseId"] as? String == "ROOT1")
            #expect(!uri.hasPrefix("/") && !uri.split(separator: "/").contains(".."), "\(uri)")
        }
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let output = try ExternalTool.validate(text, name: "outside.sarif")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    /// The Burn chain fixture and the same bundle inside a zip: each result of a binary inside a
    /// package points at a `module` logical location whose parents are its packages, innermost
    /// first. The helper's place comes from `burn-chain-expected.json` (the chain the fixture's
    /// build script wrote): its ExePackage `filePath` inside the bundle's attached container.
    @Test func resultsInsidePackagesNameTheirPackageTree() throws {
        let fixtures = PackageTreeReport.fixtures
        let chain = try #require(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: fixtures.appendingPathComponent("installers/burn-chain-expected.json")))
                as? [String: Any])
        let exe = try #require((chain["chain"] as? [[String: Any]])?.first { $0["kind"] as? String == "ExePackage" })
        let helper = try #require(exe["filePath"] as? String).replacingOccurrences(of: "\\", with: "/")
        let report = try PackageTreeReport.scan()
        // As the CLI lays it out: the checkout is the repository, both roots are files in it.
        let layout = SARIFSourceLayout(
            sourceRoot: HTMLSampleReport.repositoryRoot.path,
            roots: report.roots.map { SARIFSourceLayout.Root(name: $0, absolutePath: $0, isDirectory: false) })
        let text = SARIFRenderer.render(report, options: SARIFOptions(layout: layout))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let logical = try #require(run["logicalLocations"] as? [[String: Any]])
        let names = logical.compactMap { $0["fullyQualifiedName"] as? String }
        for (index, location) in logical.enumerated() {
            #expect(location["index"] as? Int == index)
            let name = try #require(location["name"] as? String)
            if let parent = location["parentIndex"] as? Int {
                #expect(parent < index && logical[parent]["kind"] as? String == "package")
                #expect(names[index] == names[parent] + "!/" + name)
            } else {
                #expect(names[index].hasSuffix(name) && location["kind"] as? String == "package")
                // Named from the URI, never from the absolute path on this machine.
                #expect(!names[index].hasPrefix("/"), "\(names[index])")
            }
        }
        func parents(of index: Int) -> [String] {
            var out: [String] = []
            var current: Int? = index
            while let at = current, out.count < 20 {
                out.append(logical[at]["name"] as? String ?? "")
                current = logical[at]["parentIndex"] as? Int
            }
            return out
        }
        let inner = try #require(
            names.firstIndex { $0 == "Tests/Fixtures/installers/engine-burn-chain.exe!/container1!/" + helper },
            "\(names)")
        #expect(parents(of: inner) == [helper, "container1", "engine-burn-chain.exe"])
        let nested = try #require(
            names.firstIndex {
                $0 == "Tests/Fixtures/packages/bundle-in-zip.zip!/setup/Contoso-Setup.exe!/container1!/" + helper
            })
        #expect(parents(of: nested) == [helper, "container1", "setup/Contoso-Setup.exe", "bundle-in-zip.zip"])
        var pointing = 0
        for result in try #require(run["results"] as? [[String: Any]]) {
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let entry = (result["properties"] as? [String: Any])?["archiveEntry"] as? String
            let references = location["logicalLocations"] as? [[String: Any]]
            #expect((references != nil) == (entry != nil))
            guard let reference = references?.first, let entry else { continue }
            let index = try #require(reference["index"] as? Int)
            // A module, or an installer found inside a package that holds packages itself.
            #expect(["module", "package"].contains(logical[index]["kind"] as? String ?? ""))
            #expect(names[index].hasSuffix("!/" + entry) && reference["fullyQualifiedName"] as? String == names[index])
            pointing += 1
        }
        #expect(pointing >= 2)
        try #require(
            ExternalTool.hasJSONSchema, "python3 jsonschema missing: run scripts/setup.sh (python3-jsonschema)")
        let output = try ExternalTool.validate(text, name: "packages.sarif")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    @Test func noResultsStillValid() throws {
        var report = SampleReport.make()
        report.binaries = report.binaries.filter { $0.verdict == .native }
        report.applications = []
        let text = SARIFRenderer.render(report)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect((runs.first?["results"] as? [Any])?.isEmpty == true)
    }
}
