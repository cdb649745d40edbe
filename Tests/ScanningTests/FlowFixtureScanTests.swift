import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// The flow-analysis fixtures (Tests/Fixtures/flow) scanned end to end: each extension's
/// standing (required / dispatched) and each binary's verdict on two targets. Every expected
/// value comes from `Tests/Fixtures/flow/expected.json`, written by hand from the fixtures'
/// C sources (and checked against iced-x86/llvm-objdump by its `check.py`), never from armready.
@Suite("Flow-analysis fixtures")
struct FlowFixtureScanTests {
    static let folder = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/flow")

    struct Expected: Decodable {
        let fixtures: [String: Fixture]
    }

    struct Fixture: Decodable {
        let extensions: [String: Standing]?
        let verdicts: [String: String]
        /// For a helper rated beside the x64 programs of the same folder (one application).
        let verdicts_beside_x64_app: [String: String]?
    }

    struct Standing: Decodable {
        let standing: String
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    static func scan(target: String) throws -> [String: BinaryResult] {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let report = try Scanner.scan(
            ScanOptions(
                roots: [folder.path], rules: rules, target: try TargetProfile.load(name: target), isa: ISAOptions(),
                today: "2026-01-01", toolVersion: "test"))
        var byName: [String: BinaryResult] = [:]
        for binary in report.binaries { byName[URL(fileURLWithPath: binary.path).lastPathComponent] = binary }
        return byName
    }

    /// The standing the profile gives an extension: required wins over dispatched.
    static func standing(of name: String, in isa: ISAProfile) -> String? {
        guard let use = isa.findings.first(where: { $0.name.rawValue == name && !$0.hint }) else { return nil }
        if use.required > 0 { return "required" }
        if use.dispatched > 0 { return "dispatched" }
        if use.unknown > 0 { return "unknown" }
        return "sweep-only"
    }

    @Test("x86/x64 extensions are required or dispatched as the sources say")
    func x86Standings() throws {
        let expected = try Self.expected()
        let scanned = try Self.scan(target: "copilot-plus-pc")
        for (file, fixture) in expected.fixtures where !file.hasPrefix("arm64") {
            let isa = try #require(scanned[file]?.isa, "\(file) has no ISA profile")
            #expect(isa.flow != nil, "\(file): the flow analysis did not run")
            for (name, want) in fixture.extensions ?? [:] {
                #expect(Self.standing(of: name, in: isa) == want.standing, "\(file) \(name)")
            }
        }
    }

    @Test("Verdicts on copilot-plus-pc and windows-arm64-23h2", arguments: ["copilot-plus-pc", "windows-arm64-23h2"])
    func verdicts(target: String) throws {
        let expected = try Self.expected()
        let scanned = try Self.scan(target: target)
        for (file, fixture) in expected.fixtures {
            let binary = try #require(scanned[file], "\(file) was not scanned")
            // The fixtures folder is one application holding x64 programs.
            let verdicts = fixture.verdicts_beside_x64_app ?? fixture.verdicts
            let allowed = try #require(verdicts[target]).split(separator: "|").map(String.init)
            #expect(allowed.contains(binary.verdict.rawValue), "\(file) on \(target): \(binary.verdict.rawValue)")
        }
    }

    @Test("A start-up CPUID nothing branches on is no dispatch; a CPUID branch is")
    func helperProbes() throws {
        let scanned = try Self.scan(target: "copilot-plus-pc")
        let startup = try #require(scanned["x86-helper-startup-cpuid.exe"])
        let branching = try #require(scanned["x86-helper-cpuid-branch.exe"])
        #expect(!startup.findings.contains { $0.rule == "x86-helper-probes-cpu" })
        #expect(branching.findings.contains { $0.rule == "x86-helper-probes-cpu" })
        #expect(startup.isa?.flow?.checks == 0)
        #expect((startup.isa?.flow?.unconsumedProbes ?? 0) > 0)
        #expect((branching.isa?.flow?.checks ?? 0) > 0)
    }

    @Test("Whole-program builds are recognised by their compiled code, kernels behind checks are not")
    func compiledFor() throws {
        let scanned = try Self.scan(target: "copilot-plus-pc")
        #expect(scanned["x64-avx2-whole.exe"]?.isa?.flow?.compiledFor == "x86-64-v3")
        #expect(scanned["x64-avx512-whole.exe"]?.isa?.flow?.compiledFor == "x86-64-v4")
        for file in ["x64-cpuid-branch.exe", "x64-fnptr-table.dll", "x64-mingw-builtin.exe"] {
            #expect(scanned[file]?.isa?.flow?.compiledFor == nil, "\(file)")
        }
    }
}
