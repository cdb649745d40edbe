import BinaryFormats
import Readiness

/// Turns analysed binaries into applications: groups them, rates each library again in the
/// process of the executables that import it, and writes each application's verdict with the
/// chain of reasons that decided it.
enum ApplicationBuilder {
    static func build(_ binaries: inout [AnalyzedBinary], rules: RuleSet, target: TargetProfile) -> [ApplicationResult] {
        let executables = Set(binaries.filter(isExecutable).map(\.result.path))
        let groups = ApplicationGrouping.group(paths: binaries.map(\.result.path), executables: executables)
        for index in binaries.indices {
            binaries[index].result.application = groups[binaries[index].result.path] ?? "."
        }
        let members = binaries.map { binary in
            ApplicationMember(
                path: binary.result.path, execution: binary.result.execution,
                isExecutable: executables.contains(binary.result.path), imports: binary.imports,
                facts: binary.facts, ownRules: Set(binary.result.findings.map(\.rule)))
        }
        let context = ApplicationAnalyzer.contextFindings(
            members: members, applications: groups, rules: rules, target: target)
        // Paths are unique (the scanner drops repeated roots and archive entries); keep the
        // first anyway rather than trap.
        let indexByPath = Dictionary(binaries.indices.map { (binaries[$0].result.path, $0) }, uniquingKeysWith: { first, _ in first })
        var contextReasons: [String: [ApplicationReason]] = [:]
        for item in context {
            guard let index = indexByPath[item.dependency] else { continue }
            var result = binaries[index].result
            if !result.findings.contains(where: { $0.rule == item.finding.ruleID }) {
                result.findings.append(FindingResult(item.finding))
                result.findings.sort(by: worstFirst)
                result.verdict = Verdict.worst(result.verdict, item.finding.verdict)
                binaries[index].result = result
            }
            contextReasons[result.application, default: []].append(ApplicationReason(
                verdict: item.finding.verdict, binary: item.host, rule: item.finding.ruleID,
                message: item.finding.message, dependency: item.dependency == item.host ? nil : item.dependency))
        }
        return applications(binaries.map(\.result), executables: executables, contextReasons: contextReasons)
    }

    private static func applications(
        _ results: [BinaryResult], executables: Set<String>, contextReasons: [String: [ApplicationReason]]
    ) -> [ApplicationResult] {
        let byApplication = Dictionary(grouping: results, by: \.application)
        return byApplication.keys.sorted().map { id in
            let members = byApplication[id] ?? []
            var reasons = contextReasons[id] ?? []
            // (binary, rule) pairs a context reason already explains; a set, because one
            // application may hold thousands of binaries.
            let explained = Set(reasons.map { [$0.dependency ?? $0.binary, $0.rule] })
            for member in members where member.verdict != .native {
                if let top = member.findings.first, top.verdict == member.verdict {
                    if !explained.contains([member.path, top.rule]) {
                        reasons.append(ApplicationReason(verdict: member.verdict, binary: member.path, rule: top.rule, message: top.message))
                    }
                } else {
                    reasons.append(ApplicationReason(
                        verdict: member.verdict, binary: member.path, rule: "armready/unanalysable",
                        message: member.reason ?? "could not be analysed"))
                }
            }
            reasons.sort { lhs, rhs in
                let l = lhs.verdict.severity ?? -1
                let r = rhs.verdict.severity ?? -1
                return l != r ? l > r : (lhs.binary, lhs.rule) < (rhs.binary, rhs.rule)
            }
            let verdict = members.map(\.verdict).reduce(Verdict.unknown, Verdict.worst)
            let name = id == "." ? "." : ApplicationGrouping.fileName(id)
            return ApplicationResult(
                id: id, name: name, verdict: verdict,
                executables: members.map(\.path).filter(executables.contains),
                binaries: members.map(\.path), reasons: reasons)
        }
    }

    static func isExecutable(_ binary: AnalyzedBinary) -> Bool {
        switch binary.result.kind {
        case .executable: return true
        case .dotnet: return binary.facts["pe.dll"] == .bool(false)
        default: return false
        }
    }

    static func worstFirst(_ lhs: FindingResult, _ rhs: FindingResult) -> Bool {
        let l = lhs.verdict.severity ?? -1
        let r = rhs.verdict.severity ?? -1
        return l != r ? l > r : lhs.rule < rhs.rule
    }
}
