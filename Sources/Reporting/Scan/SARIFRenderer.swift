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
/// they are silent. Each result points at the binary with a URI relative to the checkout
/// (`SARIFArtifactLocator`) and `region.startLine` 1; a binary inside a package also names its
/// place in the package tree (`SARIFPackageTree`, `run.logicalLocations`).
///
/// Fingerprints name what stays the same when a binary is rebuilt: the rule, where the binary
/// is, its application and its architecture, never its digest (a new PE TimeDateStamp must not
/// open a new alert; the digest is a result property instead). `primaryLocationLineHash` is the
/// key GitHub matches alerts on; `upload-sarif` keeps it when present instead of hashing the
/// binary's first "line" (github/codeql-action `src/fingerprints.ts`).
package enum SARIFRenderer {
    /// GitHub code scanning rejects runs with more results (ci-and-reports.md, "Limits").
    package static let maxResults = 25_000
    static let fingerprintKey = "armready/v2"
    static let lineHashKey = "primaryLocationLineHash"

    /// - Parameter options: the category and where the checkout is; the default has no category
    ///   and takes the working directory for the checkout.
    package static func render(_ report: ScanReport, options: SARIFOptions? = nil) -> String {
        let options = options ?? SARIFOptions(layout: .workingDirectoryIsSourceRoot(roots: report.roots))
        let extras = report.applicationOnlyReasons
        let catalog = SARIFRuleCatalog(report: report, extraReasons: extras.flatMap(\.value))
        let locator = SARIFArtifactLocator(layout: options.layout)
        var results: [SARIFResult] = []
        var outside: [Int: Int] = [:]
        var tree = SARIFPackageTree()
        for binary in report.binaries {
            let location = locator.locate(binary.path)
            var found = self.results(
                for: binary, at: location, extras: extras[binary.path] ?? [], catalog: catalog)
            if !found.isEmpty, let logical = tree.reference(for: location) {
                for index in found.indices { found[index].locations[0].logicalLocations = [logical] }
            }
            if let root = location.outsideRoot, !found.isEmpty { outside[root, default: 0] += found.count }
            results += found
        }
        var notifications = outside.keys.sorted().map { index in
            outsideNotification(root: options.layout.roots[index].name, index: index, results: outside[index] ?? 0)
        }
        if results.count > maxResults {
            let dropped = results.count - maxResults
            results = Array(
                results.enumerated().sorted { lhs, rhs in
                    let (a, b) = (severity(lhs.element.level), severity(rhs.element.level))
                    return a != b ? a > b : lhs.offset < rhs.offset
                }.prefix(maxResults).sorted { $0.offset < $1.offset }.map(\.element))
            notifications.append(
                SARIFNotification(
                    level: "warning",
                    message: SARIFMessage(
                        text: "\(dropped) least severe results left out: GitHub accepts at most \(maxResults) per run.")
                ))
        }
        var bases = [
            SARIFArtifactLocator.sourceRootID: SARIFArtifactLocation(
                uri: nil, uriBaseId: nil,
                description: SARIFMessage(text: "The checkout (--source-root); result URIs are relative to it."))
        ]
        for index in outside.keys {
            bases[SARIFArtifactLocator.baseID(forOutsideRoot: index)] = SARIFArtifactLocation(
                uri: nil, uriBaseId: nil,
                description: SARIFMessage(
                    text: "The scanned root \(options.layout.roots[index].name), outside the checkout; "
                        + "result URIs with this base are relative to it."))
        }
        let run = SARIFRun(
            tool: SARIFTool(
                driver: SARIFDriver(
                    name: report.tool.name, version: report.tool.version, informationUri: report.tool.informationURI,
                    rules: catalog.rules)),
            automationDetails: options.automationID.map(SARIFAutomationDetails.init),
            originalUriBaseIds: bases,
            invocations: notifications.isEmpty
                ? nil : [SARIFInvocation(executionSuccessful: true, toolExecutionNotifications: notifications)],
            results: results,
            logicalLocations: tree.locations.isEmpty ? nil : tree.locations
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(SARIFLog(runs: [run])) else {
            // Unreachable: the model holds only strings, integers and booleans.
            return "{\n  \"runs\" : [],\n  \"version\" : \"2.1.0\"\n}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func outsideNotification(root: String, index: Int, results: Int) -> SARIFNotification {
        let count = results == 1 ? "1 result" : "\(results) results"
        return SARIFNotification(
            level: "note",
            message: SARIFMessage(
                text: "\(root) is outside the checkout (--source-root): \(count) for files under it have URIs "
                    + "relative to \(SARIFArtifactLocator.baseID(forOutsideRoot: index)), which GitHub code "
                    + "scanning cannot show in the repository."))
    }

    static func results(
        for binary: BinaryResult, at location: SARIFArtifactLocator.Location, extras: [ApplicationReason],
        catalog: SARIFRuleCatalog
    ) -> [SARIFResult] {
        let sarifLocation = SARIFLocation(
            physicalLocation: SARIFPhysicalLocation(
                artifactLocation: SARIFArtifactLocation(uri: uri(location.path), uriBaseId: location.baseID),
                region: SARIFRegion()))
        let architecture = "\(binary.format.rawValue):" + (binary.machine.map { "0x" + String($0, radix: 16) } ?? "-")
        func result(rule: String, verdict: Verdict, message: String, dependency: String? = nil) -> SARIFResult {
            var text = nonEmpty(message, orElse: "\(rule): \(binary.path)")
            if let entry = location.archiveEntry { text = "\(entry): \(text)" }
            var identity = [rule, location.identity, binary.application, architecture]
            if let dependency { identity.append(dependency) }
            let hash = fingerprint(identity.joined(separator: "\n"))
            return SARIFResult(
                ruleId: rule, ruleIndex: catalog.index(of: rule), level: SARIFRuleCatalog.level(for: verdict),
                message: SARIFMessage(text: text),
                locations: [sarifLocation],
                partialFingerprints: [fingerprintKey: hash, lineHashKey: String(hash.prefix(16)) + ":1"],
                suppressions: nil,
                properties: SARIFResultProperties(
                    verdict: verdict.rawValue, execution: binary.execution.rawValue, sha256: binary.sha256,
                    archiveEntry: location.archiveEntry))
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
                    rule: reason.rule, verdict: reason.verdict, message: reason.message, dependency: reason.dependency))
        }
        return out
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
