import BinaryFormats
import Foundation
import InstructionSets
import Readiness
import Scanning

/// Builders for the HTML tests' reports: summaries, findings, a report with hostile file names
/// and a deterministic report of any size (20,000 binaries for the budget test).
enum HTMLReportFactory {
    static let imgName = "<img src=x onerror=alert(1)>.dll"
    static let scriptName = "</script><script>alert(1)</script>"

    static func summary(
        _ binaries: [BinaryResult], _ applications: [ApplicationResult], filesExamined: Int, hybridShare: Double?
    ) -> ScanSummary {
        var byVerdict: [String: Int] = [:]
        var appsByVerdict: [String: Int] = [:]
        var byExecution: [String: Int] = [:]
        for verdict in Verdict.allCases {
            byVerdict[verdict.rawValue] = binaries.filter { $0.verdict == verdict }.count
            appsByVerdict[verdict.rawValue] = applications.filter { $0.verdict == verdict }.count
        }
        for execution in Execution.allCases {
            byExecution[execution.rawValue] = binaries.filter { $0.execution == execution }.count
        }
        let overall = applications.map(\.verdict).reduce(Verdict.native) { Verdict.worst($0, $1) }
        return ScanSummary(
            filesExamined: filesExamined, binaries: binaries.count, notBinary: max(0, filesExamined - binaries.count),
            binariesByVerdict: byVerdict, applicationsByVerdict: appsByVerdict, binariesByExecution: byExecution,
            overall: overall, hybridNativeShare: hybridShare)
    }

    /// The built-in rule (Rules/*.yaml) that decides such a binary.
    static func ruleID(verdict: Verdict, execution: Execution, kind: BinaryKind, elf: Bool, path: String) -> String {
        if kind == .driver { return "driver-not-arm64-blocked" }
        if kind == .dotnet { return verdict == .native ? "dotnet-anycpu-exe-arm64" : "dotnet-anycpu-exe-x64" }
        if elf { return execution == .arm64 ? "elf-aarch64-native" : "elf-x86-blocked-wsl" }
        switch (execution, verdict) {
        case (.arm64, _): return "pe-arm64-native"
        case (.arm64x, _): return "pe-arm64x"
        case (.arm32, _): return "pe-arm32-blocked"
        case (.x86, _): return "pe-x86-emulated"
        case (.x64, .blocked): return path.hasSuffix(".dll") ? "x64-plugin-arm64-host" : "x86-avx512-required"
        case (.x64, .atRisk): return "x64-plugin-arm64-host"
        default: return path.contains("render") ? "x64-avx-emulated" : "pe-x64-emulated"
        }
    }

    static func finding(rule: String, verdict: Verdict, message: String, confidence: Confidence = .high) -> Finding {
        Finding(
            rule: rule, title: "Rule \(rule)", verdict: verdict, confidence: confidence, message: message,
            remediation: verdict == .native
                ? "Nothing to do." : "Build and ship an Arm64 (or Arm64X) version of this binary.",
            references: SampleReferences.make(), source: "Rules/\(rule).yaml")
    }

    /// A small report whose binary names carry HTML and script, for the escaping tests.
    static func hostile() -> ScanReport {
        let names = [imgName, scriptName, "R&D/\u{2028}line\u{2029}.exe", "{{js}}.dll"]
        let binaries = names.sorted().map { name in
            BinaryResult(
                path: name, sha256: String(repeating: "ab", count: 32), size: 1024, application: "evil<b>app</b>",
                format: .pe, machine: 0x8664, machineName: "<i>AMD64</i>", execution: .x64, kind: .library, bits: 64,
                verdict: .emulated, reason: nil,
                findings: [
                    finding(rule: "pe-x64-emulated", verdict: .emulated, message: "Message with <b>bold</b> & \(name)")
                ],
                details: BinaryDetails(imports: ["<svg onload=alert(2)>.dll"]), isa: nil)
        }
        let app = ApplicationResult(
            id: "evil<b>app</b>", name: "evil<b>app</b>", verdict: .emulated, executables: [],
            binaries: binaries.map(\.path),
            reasons: [
                ApplicationReason(verdict: .emulated, binary: imgName, rule: "pe-x64-emulated", message: "<u>x</u>")
            ])
        return ScanReport(
            tool: ToolInfo(version: "0.0.0-test"), target: TargetInfo(name: "copilot-plus-pc", title: "<t>"),
            generatedAt: nil,
            roots: ["<root>"], summary: summary(binaries, [app], filesExamined: 4, hybridShare: nil), gate: nil,
            binaries: binaries, applications: [app], diagnostics: [], suppressions: [], baseline: nil)
    }

    /// A deterministic report of `count` binaries in `count / 10` applications, each binary with
    /// realistic detail: imports, sections, one or two findings with references, an ISA profile
    /// with example locations.
    static func large(count: Int) -> ScanReport {
        let verdicts: [Verdict] = [.native, .native, .emulated, .emulated, .emulated, .atRisk, .blocked, .unknown]
        let executions: [Verdict: Execution] = [
            .native: .arm64, .emulated: .x64, .atRisk: .x64, .blocked: .arm32, .unknown: .other,
        ]
        let dlls = [
            "kernel32.dll", "user32.dll", "gdi32.dll", "advapi32.dll", "ole32.dll", "shell32.dll", "ws2_32.dll",
            "msvcp140.dll", "vcruntime140.dll", "api-ms-win-crt-runtime-l1-1-0.dll", "d3d11.dll", "dxgi.dll",
        ]
        var binaries: [BinaryResult] = []
        for index in 0..<count {
            let verdict = verdicts[(index * 7 + index / 13) % verdicts.count]
            let execution = executions[verdict] ?? .other
            let app = String(format: "Vendor%03d/Product%04d", index / 400, index / 10)
            let path = app + String(format: "/bin/component_%05d", index) + (index % 10 == 0 ? ".exe" : ".dll")
            var findings = [
                finding(
                    rule: ruleID(verdict: verdict, execution: execution, kind: .library, elf: false, path: path),
                    verdict: verdict,
                    message: "The image's machine is \(execution.rawValue); it is rated \(verdict.rawValue).")
            ]
            if index % 3 == 0 {
                findings.append(
                    finding(
                        rule: "x64-avx-emulated", verdict: .emulated,
                        message: "AVX2 and FMA instructions without a CPUID check (\(index % 50 + 1) instructions).",
                        confidence: .medium))
            }
            let isaFindings = ["avx", "avx2", "fma", "sse4.2"].enumerated().map { offset, name in
                ISAExtensionUse(
                    architecture: .x86, name: ISAExtension(name), hint: false, count: 10 + offset, inFunctions: 9,
                    inLinearSweep: 1 + offset,
                    examples: (0..<3).map {
                        ISAExample(
                            address: UInt64(0x1_4000_1000 + index * 64 + $0 * 16),
                            function: $0 == 0 ? "Function\(index % 500)" : nil)
                    })
            }
            binaries.append(
                BinaryResult(
                    path: path, sha256: String(format: "%064x", index * 2_654_435_761 % 4_294_967_296),
                    size: 40_000 + index % 9000 * 100, application: app, format: .pe, machine: 0x8664,
                    machineName: "AMD64",
                    execution: execution, kind: index % 10 == 0 ? .executable : .library, bits: 64, verdict: verdict,
                    reason: verdict == .unknown ? "The import table runs past the end of the file." : nil,
                    findings: findings,
                    details: BinaryDetails(
                        subsystem: "windows-gui", imports: (0..<8).map { dlls[(index + $0 * 5) % dlls.count] },
                        exportCount: index % 40, sections: [".text", ".rdata", ".data", ".pdata", ".rsrc", ".reloc"],
                        productName: "Product \(index / 10)", companyName: "Vendor \(index / 400)",
                        fileVersion: "1.\(index % 9).0"),
                    isa: ISAProfile(findings: isaFindings, method: "pdata", bytesDecoded: 120_000, byteCap: 256 << 20)))
        }
        var applications: [ApplicationResult] = []
        let grouped = Dictionary(grouping: binaries, by: \.application)
        for id in grouped.keys.sorted() {
            let members = grouped[id] ?? []
            let worst = members.map(\.verdict).reduce(Verdict.native) { Verdict.worst($0, $1) }
            let reasons = members.filter { $0.verdict == worst && worst != .native }.prefix(3).map {
                ApplicationReason(
                    verdict: $0.verdict, binary: $0.path, rule: $0.findings.first?.rule ?? "",
                    message: $0.findings.first?.message ?? "")
            }
            applications.append(
                ApplicationResult(
                    id: id, name: id.split(separator: "/").last.map(String.init) ?? id, verdict: worst,
                    executables: members.filter { $0.kind == .executable }.map(\.path), binaries: members.map(\.path),
                    reasons: Array(reasons)))
        }
        return ScanReport(
            tool: ToolInfo(version: "0.0.0-test"), target: TargetInfo(name: "copilot-plus-pc", title: "Copilot+ PC"),
            generatedAt: "2026-01-15T09:30:00Z", roots: ["estate"],
            summary: summary(binaries, applications, filesExamined: count * 2, hybridShare: nil), gate: nil,
            binaries: binaries, applications: applications, diagnostics: [], suppressions: [], baseline: nil)
    }
}

/// References for the test findings, built through `Rule.Reference`'s Codable form (it has no
/// cross-module initialiser).
enum SampleReferences {
    static func make() -> [Rule.Reference] {
        let json =
            #"[{"title":"Windows on Arm: x64 emulation","url":"https://learn.microsoft.com/windows/arm/apps-on-arm-x86-emulation"},{"title":"bad scheme","url":"javascript:alert(1)"}]"#
        return (try? JSONDecoder().decode([Rule.Reference].self, from: Data(json.utf8))) ?? []
    }
}
