import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// Scans the bundled `Samples/` tree and checks every application and binary against
/// `Samples/expected.json`, whose verdicts were written by hand from windows-on-arm.md (the
/// R-numbers it cites), and the rule that decided each binary against the rule encoding that
/// R-number.
@Suite("Sample tree verdicts")
struct SampleTreeVerdictTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = repository.appendingPathComponent("Samples").path

    struct Expected: Decodable {
        struct Binary: Decodable {
            let verdict: String
            let execution: String?
            let alsoAcceptable: [String]?
            let targets: [String: String]?
        }
        struct Application: Decodable {
            let verdict: String
            let alsoAcceptable: [String]?
            let binaries: [String: Binary]
            let targets: [String: String]?
        }
        let applications: [String: Application]
    }

    /// The built-in rule that encodes the reference rule each sample binary illustrates.
    static let decidingRule: [String: String] = [
        "AudioHost/host.exe": "pe-x64-emulated",  // R4
        "AudioHost/reverb.dll": "pe-arm64x",  // R2
        "LegacyInstaller/armhelper.exe": "pe-arm32-blocked",  // R9
        "LegacyInstaller/setup.exe": "pe-x86-emulated",  // R7
        "LegacyVPN/driver/vpnfilter.sys": "driver-not-arm64-blocked",  // R11
        "LegacyVPN/vpnclient.exe": "pe-x64-emulated",  // R4
        "LinuxTools/tool-arm64": "elf-aarch64-native",  // R22
        "LinuxTools/tool-x64": "elf-x86-blocked-wsl",  // R23
        "NativeEditor/core.dll": "pe-arm64-native",  // R1
        "NativeEditor/editor.exe": "pe-arm64-native",  // R1
        "PhotoTool/codec.dll": "x64-plugin-arm64-host",  // R14, in the Arm64 EXE's process
        "PhotoTool/phototool.exe": "pe-arm64-native",  // R1
        "Renderer/render.exe": "pe-x64-emulated",  // R4/R5: AVX2 is emulated for x64 on this target
        "ReportViewer/viewer.exe": "dotnet-anycpu-exe-x64",  // R15
        "ReportViewerArm/viewer.exe": "dotnet-anycpu-exe-arm64",  // R15 with the manifest
        "ShellExt/contextmenu.dll": "com-server-not-arm64",  // R13
        "Simulator/sim.exe": "x86-avx512-required",  // R6
    ]

    static func scan(target: String? = nil) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let profile = try TargetProfile.load(name: target, userDirectories: [])
        let options = ScanOptions(
            roots: [samples], rules: rules, target: profile, isa: ISAOptions(), today: "2026-01-01", toolVersion: "test")
        return try Scanner.scan(options)
    }

    static func expected() throws -> Expected {
        let data = try Data(contentsOf: URL(fileURLWithPath: samples).appendingPathComponent("expected.json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    @Test func everyApplicationAndBinaryOnTheDefaultTarget() throws {
        let report = try Self.scan()
        let expected = try Self.expected()
        #expect(Set(report.applications.map(\.id)) == Set(expected.applications.keys))
        for application in report.applications {
            let want = try #require(expected.applications[application.id])
            #expect([want.verdict] + (want.alsoAcceptable ?? []) ~= application.verdict.rawValue, "\(application.id)")
            #expect(!application.reasons.isEmpty || application.verdict == .native, "\(application.id) has no reason chain")
            for path in application.binaries {
                let name = String(path.dropFirst(application.id.count + 1))
                let binary = try #require(report.binaries.first { $0.path == path })
                let wanted = try #require(want.binaries[name], "\(path) is not in expected.json")
                #expect([wanted.verdict] + (wanted.alsoAcceptable ?? []) ~= binary.verdict.rawValue, "\(path)")
                if let execution = wanted.execution { #expect(binary.execution.rawValue == execution, "\(path)") }
                #expect(binary.findings.first?.rule == Self.decidingRule[path], "\(path)")
            }
        }
        #expect(report.summary.notBinary >= 3)  // notes.txt, vpnfilter.inf, README and sources are skipped
    }

    @Test func thePreAVXTargetPutsTheAVX2RendererAtRisk() throws {
        let report = try Self.scan(target: "windows-arm64-23h2")
        let renderer = try #require(report.applications.first { $0.id == "Renderer" })
        #expect(renderer.verdict == .atRisk)
        #expect(renderer.reasons.first?.rule == "x64-isa-not-emulated")
    }

    @Test func theArm64ExeNamesTheDLLItCannotLoad() throws {
        let report = try Self.scan()
        let photo = try #require(report.applications.first { $0.id == "PhotoTool" })
        let reason = try #require(photo.reasons.first)
        #expect(reason.verdict == .blocked)
        #expect(reason.binary == "PhotoTool/phototool.exe")
        #expect(reason.dependency == "PhotoTool/codec.dll")
    }
}

private func ~= (candidates: [String], value: String) -> Bool { candidates.contains(value) }
