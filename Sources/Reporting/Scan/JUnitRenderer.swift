import Readiness
import Scanning

/// Renders a finished scan as JUnit XML for CI systems that show test results: one
/// `<testsuite>` per application, one `<testcase>` per binary (classname = application id,
/// name = path).
///
/// A binary *fails* when it trips the gate (`report.gate.failing`); without a gate result,
/// `blocked` binaries fail. A binary that passes and has a finding silenced by a suppression is
/// `<skipped>` with the suppression reasons, so the silenced problem stays visible in CI. Findings go to
/// `<system-out>`. Every string is escaped by `XMLEscaper`, which also drops characters XML 1.0
/// forbids, so hostile file names cannot break the document.
package enum JUnitRenderer {
    package static func render(_ report: ScanReport) -> String {
        let failing = Set(report.gate?.failing ?? report.binaries.filter { $0.verdict == .blocked }.map(\.path))
        let groups = report.applicationsWithBinaries
        let cases = groups.map { group in
            group.binaries.map { TestCase(binary: $0, failing: failing.contains($0.path)) }
        }
        let all = cases.flatMap { $0 }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"armready\"\(counts(all))>\n"
        for (group, groupCases) in zip(groups, cases) {
            xml += "  <testsuite name=\"\(XMLEscaper.attribute(group.application.id))\"\(counts(groupCases))>\n"
            xml += "    <properties>\n"
            xml += "      <property name=\"verdict\" value=\"\(group.application.verdict.rawValue)\"/>\n"
            xml += "      <property name=\"target\" value=\"\(XMLEscaper.attribute(report.target.name))\"/>\n"
            xml += "    </properties>\n"
            for testCase in groupCases {
                xml += testCase.xml(classname: group.application.id)
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private static func counts(_ cases: [TestCase]) -> String {
        let failures = cases.filter { $0.outcome == .failed }.count
        let skipped = cases.filter { $0.outcome == .skipped }.count
        return " tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\""
    }

    struct TestCase {
        enum Outcome { case passed, failed, skipped }

        var binary: BinaryResult
        var outcome: Outcome

        init(binary: BinaryResult, failing: Bool) {
            self.binary = binary
            if failing {
                outcome = .failed
            } else if binary.findings.contains(where: { $0.suppression != nil }) {
                outcome = .skipped
            } else {
                outcome = .passed
            }
        }

        func xml(classname: String) -> String {
            var out =
                "    <testcase classname=\"\(XMLEscaper.attribute(classname))\" name=\"\(XMLEscaper.attribute(binary.path))\">\n"
            switch outcome {
            case .failed:
                let main = binary.findings.first { $0.suppression == nil }
                let message =
                    main.map { "\(binary.verdict.rawValue): \($0.rule): \($0.message)" }
                    ?? "\(binary.verdict.rawValue): \(binary.reason ?? "no rule decided the verdict")"
                out +=
                    "      <failure message=\"\(XMLEscaper.attribute(message))\" type=\"\(binary.verdict.rawValue)\">"
                out += XMLEscaper.text(failureText) + "</failure>\n"
            case .skipped:
                let reasons = binary.findings.compactMap(\.suppression).map { suppression in
                    suppression.reason + (suppression.expires.map { " (until \($0))" } ?? "")
                }
                out +=
                    "      <skipped message=\"\(XMLEscaper.attribute("suppressed: " + reasons.joined(separator: "; ")))\"/>\n"
            case .passed:
                break
            }
            out += "      <system-out>" + XMLEscaper.text(systemOut) + "</system-out>\n"
            out += "    </testcase>\n"
            return out
        }

        var failureText: String {
            var lines = ["\(binary.path) is \(binary.verdict.rawValue) (execution \(binary.execution.rawValue))."]
            for finding in binary.findings where finding.suppression == nil && finding.verdict != .native {
                lines.append("\(finding.rule): \(finding.message) Remediation: \(finding.remediation)")
            }
            if let reason = binary.reason { lines.append(reason) }
            return lines.joined(separator: "\n")
        }

        var systemOut: String {
            var lines = [
                "verdict: \(binary.verdict.rawValue)", "execution: \(binary.execution.rawValue)",
                "kind: \(binary.kind?.rawValue ?? "-")",
            ]
            if let sha256 = binary.sha256 { lines.append("sha256: \(sha256)") }
            if let reason = binary.reason { lines.append("reason: \(reason)") }
            for finding in binary.findings {
                var line = "[\(finding.verdict.rawValue)] \(finding.rule): \(finding.message)"
                if let suppression = finding.suppression {
                    line += " (suppressed: \(suppression.reason)\(suppression.expires.map { ", until \($0)" } ?? ""))"
                }
                lines.append(line)
            }
            return lines.joined(separator: "\n")
        }
    }
}
