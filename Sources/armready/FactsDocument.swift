import BinaryFormats
import Foundation
import Readiness
import Scanning

/// `facts --format json`: `{"schemaVersion": 1, "files": [{path, application, facts, verdict,
/// execution, rules, loadedBy}]}`.
struct FactsDocument: Encodable {
    struct File: Encodable {
        var path: String
        /// The application (its id in the scan) the binary belongs to.
        var application: String
        /// Every fact the rules saw, `app.*` and `target.*` included.
        var facts: Facts
        var verdict: Verdict
        var execution: Execution
        var rules: [String]
        /// The executables that load the binary, and the `app.host` it was rated with there.
        var loadedBy: [Host]
        /// `rule (verdict)` for the text form.
        private var fired: [String]

        enum CodingKeys: String, CodingKey {
            case path, application, facts, verdict, execution, rules, loadedBy
        }

        struct Host: Encodable {
            var host: String
            var execution: Execution
        }

        /// - Parameter shown: how a report path is shown (as the person typed the root).
        init(_ path: String, _ binary: AssessedBinary, target: TargetProfile, shown: (String) -> String) {
            self.path = path
            application = binary.application
            facts = Evaluator.completeFacts(binary.facts.merging(binary.applicationFacts), on: target)
            verdict = binary.assessment.verdict
            execution = binary.assessment.execution
            rules = binary.assessment.findings.map(\.rule)
            fired = binary.assessment.findings.map { "\($0.rule) (\($0.verdict.rawValue))" }
            loadedBy = binary.loadedBy.map { Host(host: shown($0.host), execution: $0.execution) }
        }

        /// The text form: a `# path` line, `name = value` lines, the verdict and the rules.
        var text: String {
            var lines = ["# \(path)"] + facts.lines
            lines.append("# verdict: \(verdict.rawValue), execution: \(execution.rawValue)")
            lines.append("# rules: \(fired.isEmpty ? "none" : fired.joined(separator: ", "))")
            if !loadedBy.isEmpty {
                lines.append(
                    "# loaded by: " + loadedBy.map { "\($0.host) (\($0.execution.rawValue))" }.joined(separator: ", "))
            }
            return lines.joined(separator: "\n") + "\n\n"
        }
    }

    var schemaVersion = 1
    var files: [File]

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
