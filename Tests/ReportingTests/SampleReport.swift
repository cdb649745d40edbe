import BinaryFormats
import Foundation
import InstructionSets
import Readiness
import Scanning

/// A fixed `ScanReport` that every renderer test (and the HTML report tests) renders.
///
/// It is built by hand, not by scanning, so the golden files pin the renderers alone. It covers
/// every verdict at binary and application level, a hybrid with a native share, an ISA profile
/// with AVX-512, an unanalysable binary with its reason, a live suppression with an expiry, an
/// expired one, a baseline comparison, a diagnostic, and hostile file names (`<script>`, `&`,
/// U+FFFD from a non-UTF-8 name). Tool version and time are pinned. Keep `make()` stable: other
/// test files depend on it; add cases by appending binaries rather than changing existing ones.
enum SampleReport {
    static let scriptPath = "Tools/<script>alert(1)</script>.exe"
    static let lossyPath = "Tools/R&D \u{FFFD}tool.exe"

    static func make() -> ScanReport {
        let binaries = sampleBinaries().sorted { $0.path < $1.path }
        let applications = sampleApplications()
        return ScanReport(
            tool: ToolInfo(version: "0.0.0-test"),
            target: TargetInfo(
                name: "copilot-plus-pc", title: "Copilot+ PC: Windows 11 24H2 with Prism on Snapdragon X"),
            generatedAt: nil,
            roots: ["dist"],
            summary: summary(binaries: binaries, applications: applications),
            gate: GateResult(
                failOn: .blocked, failOnUnknown: false, passed: false,
                failing: ["PhotoEditor/drivers/filter.sys", "PhotoEditor/filters/avx512.dll"]
            ),
            binaries: binaries,
            applications: applications,
            diagnostics: [
                ScanDiagnostic(path: "PhotoEditor/cache/pipe", kind: .specialFile, message: "a FIFO: never opened"),
                ScanDiagnostic(path: "Viewer/locked.dat", kind: .unreadable, message: "permission denied"),
            ],
            suppressions: [
                SuppressionStatus(
                    rule: "x64-plugin-arm64-host", binary: "PhotoEditor/plugins/*.dll",
                    reason: "Loaded only by the x64 host until the Arm64 port ships", expires: "2027-06-30",
                    expired: false, matched: 1
                ),
                SuppressionStatus(
                    rule: "driver-not-arm64-blocked", binary: hash("d5"),
                    reason: "Vendor promised an Arm64 driver", expires: "2025-01-31", expired: true, matched: 0
                ),
            ],
            baseline: BaselineComparison(
                file: "armready-baseline.json", new: [scriptPath], worse: ["PhotoEditor/filters/avx512.dll"],
                improved: ["Viewer/Viewer.exe"], removed: ["Old/old.dll"]
            )
        )
    }

    /// A fake SHA-256: one byte pattern repeated, distinct per binary.
    static func hash(_ byte: String) -> String { String(repeating: byte, count: 32) }

    /// `Rule.Reference` has no cross-module initialiser; its Codable form is the public way in.
    static func references(_ pairs: [(String, String)]) -> [Rule.Reference] {
        let objects = pairs.map { ["title": $0.0, "url": $0.1] }
        guard let data = try? JSONSerialization.data(withJSONObject: objects),
            let decoded = try? JSONDecoder().decode([Rule.Reference].self, from: data)
        else { return [] }
        return decoded
    }

    static func finding(
        _ rule: String, _ title: String, _ verdict: Verdict, _ message: String, remediation: String,
        confidence: Confidence = .high, suppression: AppliedSuppression? = nil
    ) -> Finding {
        Finding(
            rule: rule, title: title, verdict: verdict, confidence: confidence, message: message,
            remediation: remediation,
            references: references([
                (
                    "Windows on Arm: how emulation works",
                    "https://learn.microsoft.com/windows/arm/apps-on-arm-x86-emulation"
                )
            ]),
            source: "Rules/\(rule).yaml", suppression: suppression
        )
    }

    static let x64Emulated = finding(
        "pe-x64-emulated", "x64 code runs under Prism emulation", .emulated,
        "An x64 (AMD64) image: it runs through Prism emulation.",
        remediation: "Ship an Arm64 or Arm64EC build to run natively."
    )

    static func summary(binaries: [BinaryResult], applications: [ApplicationResult]) -> ScanSummary {
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
        return ScanSummary(
            filesExamined: 19, binaries: binaries.count, notBinary: 19 - binaries.count,
            binariesByVerdict: byVerdict, applicationsByVerdict: appsByVerdict,
            binariesByExecution: byExecution, overall: .blocked, hybridNativeShare: 0.75
        )
    }
}
