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
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
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
        "DataViewer/dataviewer.exe": "pe-arm64-native",  // R1
        "DataViewer/runtimes/win-arm64/native/zstd.dll": "pe-arm64-native",  // R1
        "DataViewer/runtimes/win-x64/native/sqlite3.dll": "nuget-asset-missing-for-arm64-app",  // R18
        "DataViewer/runtimes/win-x64/native/zstd.dll": "pe-x64-emulated",  // R4 (its Arm64 counterpart is shipped)
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

    static func scan(target: String? = nil, digests: Bool = true) throws -> ScanReport {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let profile = try TargetProfile.load(name: target, userDirectories: [])
        let options = ScanOptions(
            roots: [samples], rules: rules, target: profile, isa: ISAOptions(), today: "2026-01-01",
            toolVersion: "test",
            digests: digests)
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
            #expect(
                !application.reasons.isEmpty || application.verdict == .native, "\(application.id) has no reason chain")
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

    /// Without digests (a table-only scan) nothing but the digest changes; with them each one
    /// is the file's SHA-256 as `sha256sum` computes it.
    @Test func digestsChangeNothingButTheDigest() throws {
        let hashed = try Self.scan()
        var unhashed = try Self.scan(digests: false)
        #expect(unhashed.binaries.allSatisfy { $0.sha256 == nil })
        for binary in hashed.binaries {
            let expected = try Self.sha256sum(
                URL(fileURLWithPath: Self.samples).appendingPathComponent(binary.path).path)
            #expect(binary.sha256 == expected, "\(binary.path)")
        }
        for index in unhashed.binaries.indices { unhashed.binaries[index].sha256 = hashed.binaries[index].sha256 }
        #expect(unhashed == hashed)
    }

    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
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
