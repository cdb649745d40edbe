import Crypto
import Foundation
import Readiness
import Scanning

/// Renders a finished scan as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
///
/// One run; `tool.driver.rules` lists every rule id in the report. Results: one per finding
/// whose verdict is not `native` (native findings say "nothing to do" and would only clutter
/// the alert list), one per `unknown` binary (`armready/unanalysable`, its reason as message),
/// and one per application-level reason that no finding of its binary already reports.
/// Suppressed findings stay in the log with an `external` suppression, so viewers can show why
/// they are silent. Each result points at the binary with a relative URI under `%SRCROOT%`,
/// `region.startLine` 1, and a content-based fingerprint `armready/v1` =
/// SHA-256(`ruleId:fileSha256`), so alerts follow the binary, not its line numbers.
package enum SARIFRenderer {
    /// GitHub code scanning rejects runs with more results (ci-and-reports.md, "Limits").
    package static let maxResults = 25_000
    static let fingerprintKey = "armready/v1"
    static let sourceRoot = "%SRCROOT%"

    package static func render(_ report: ScanReport) -> String {
        let extras = applicationOnlyReasons(report)
        let catalog = SARIFRuleCatalog(report: report, extraReasons: extras.flatMap(\.value))
        let prefix = uriPrefix(roots: report.roots)
        var results: [SARIFResult] = []
        for binary in report.binaries {
            results += self.results(for: binary, extras: extras[binary.path] ?? [], catalog: catalog, prefix: prefix)
        }
        var invocations: [SARIFInvocation]?
        if results.count > maxResults {
            let dropped = results.count - maxResults
            results = Array(
                results.enumerated().sorted { lhs, rhs in
                    let (a, b) = (severity(lhs.element.level), severity(rhs.element.level))
                    return a != b ? a > b : lhs.offset < rhs.offset
                }.prefix(maxResults).sorted { $0.offset < $1.offset }.map(\.element))
            invocations = [
                SARIFInvocation(
                    executionSuccessful: true,
                    toolExecutionNotifications: [
                        SARIFNotification(
                            level: "warning",
                            message: SARIFMessage(
                                text:
                                    "\(dropped) least severe results left out: GitHub accepts at most \(maxResults) per run."
                            ))
                    ])
            ]
        }
        let run = SARIFRun(
            tool: SARIFTool(
                driver: SARIFDriver(
                    name: report.tool.name, version: report.tool.version, informationUri: report.tool.informationURI,
                    rules: catalog.rules)),
            automationDetails: SARIFAutomationDetails(id: "armready/\(report.target.name)/"),
            originalUriBaseIds: [
                sourceRoot: SARIFArtifactLocation(
                    uri: nil, uriBaseId: nil,
                    description: SARIFMessage(text: "The directory armready ran in; result URIs are relative to it."))
            ],
            invocations: invocations, results: results
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(SARIFLog(runs: [run])) else {
            // Unreachable: the model holds only strings, integers and booleans.
            return "{\n  \"runs\" : [],\n  \"version\" : \"2.1.0\"\n}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func results(
        for binary: BinaryResult, extras: [ApplicationReason], catalog: SARIFRuleCatalog, prefix: String
    ) -> [SARIFResult] {
        let location = SARIFLocation(
            physicalLocation: SARIFPhysicalLocation(
                artifactLocation: SARIFArtifactLocation(uri: uri(prefix + binary.path), uriBaseId: sourceRoot),
                region: SARIFRegion()))
        func result(rule: String, verdict: Verdict, message: String, fingerprintSuffix: String = "") -> SARIFResult {
            SARIFResult(
                ruleId: rule, ruleIndex: catalog.index(of: rule), level: SARIFRuleCatalog.level(for: verdict),
                message: SARIFMessage(text: nonEmpty(message, orElse: "\(rule): \(binary.path)")),
                locations: [location],
                partialFingerprints: [
                    fingerprintKey: fingerprint(rule + ":" + (binary.sha256 ?? binary.path) + fingerprintSuffix)
                ],
                suppressions: nil,
                properties: SARIFResultProperties(
                    verdict: verdict.rawValue, execution: binary.execution.rawValue, sha256: binary.sha256))
        }
        var out: [SARIFResult] = []
        if binary.verdict == .unknown {
            let reason = binary.reason ?? "no rule decided the verdict"
            out.append(result(rule: SARIFRuleCatalog.unanalysableRule, verdict: .unknown, message: reason))
        }
        for finding in binary.findings where finding.verdict != .native {
            var item = result(
                rule: finding.rule, verdict: finding.verdict, message: nonEmpty(finding.message, orElse: finding.title))
            if let suppression = finding.suppression {
                item.suppressions = [
                    SARIFSuppression(
                        justification: nonEmpty(suppression.reason, orElse: "suppressed in the armready configuration"),
                        properties: suppression.expires.map(SARIFSuppressionProperties.init))
                ]
            }
            out.append(item)
        }
        for reason in extras {
            out.append(
                result(
                    rule: reason.rule, verdict: reason.verdict, message: reason.message,
                    fingerprintSuffix: reason.dependency.map { ":" + $0 } ?? ""))
        }
        return out
    }

    /// Application reasons that add something: not native, about a binary that was analysed,
    /// and not already reported by a finding of the same rule on that binary. Keyed by path.
    static func applicationOnlyReasons(_ report: ScanReport) -> [String: [ApplicationReason]] {
        var byPath: [String: BinaryResult] = [:]
        for binary in report.binaries { byPath[binary.path] = binary }
        var out: [String: [ApplicationReason]] = [:]
        for application in report.applications {
            for reason in application.reasons where reason.verdict != .native {
                guard let binary = byPath[reason.binary], binary.verdict != .unknown,
                    !binary.findings.contains(where: { $0.rule == reason.rule })
                else { continue }
                out[reason.binary, default: []].append(reason)
            }
        }
        return out
    }

    /// Where result URIs start: a single relative root given on the command line is the path
    /// from the working directory (normally the repository root in CI) to the scanned folder,
    /// so it prefixes every binary path; with several roots the paths already start with each
    /// root's name, and an absolute root cannot be made repository-relative.
    static func uriPrefix(roots: [String]) -> String {
        guard roots.count == 1, let root = roots.first, !root.hasPrefix("/") else { return "" }
        var parts = root.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { return "" }
        parts = parts.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }

    /// A relative URI reference: every byte outside RFC 3986 unreserved characters and `/`
    /// percent-encoded (spaces, `<`, `&`, `#`, `%`, non-ASCII).
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func fingerprint(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    static func nonEmpty(_ text: String, orElse fallback: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? fallback : text
    }

    static func severity(_ level: String) -> Int {
        switch level {
        case "error": 3
        case "warning": 2
        case "note": 1
        default: 0
        }
    }
}
