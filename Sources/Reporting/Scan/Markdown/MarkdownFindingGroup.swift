import Readiness
import Scanning

/// One line of the Markdown summary for every binary that shares a finding: "1,049 binaries:
/// x86/x86-64 ELF does not run in WSL2 on Arm by default", with a few of their paths, so a scan
/// of a thousand alike binaries reads as one problem and fits a step summary.
///
/// Findings are alike when they have the same rule, verdict and title and are all suppressed
/// or all not; a binary that could not be analysed counts under `armready/unanalysable`, an
/// application-level reason no finding reports under its own rule. Native findings say
/// "nothing to do" and make no group.
struct MarkdownFindingGroup: Equatable {
    struct Member: Equatable {
        var path: String
        /// Said after the path: the reason a binary could not be analysed.
        var detail: String?
    }

    var verdict: Verdict
    var rule: String
    var title: String
    var suppressed: Bool
    /// In report (path) order.
    var members: [Member]
    /// The remediation when every member has the same one (remediations may name the binary).
    var remediation: String?

    /// The groups of a report, worst first: verdict, then more binaries, then rule id.
    static func groups(_ report: ScanReport) -> [MarkdownFindingGroup] {
        struct Key: Hashable {
            var verdict: Verdict
            var rule: String
            var title: String
            var suppressed: Bool
        }
        var order: [Key] = []
        var groups: [Key: MarkdownFindingGroup] = [:]
        var remediations: [Key: Set<String>] = [:]
        func add(_ key: Key, _ member: Member, remediation: String?) {
            if groups[key] == nil {
                order.append(key)
                groups[key] = MarkdownFindingGroup(
                    verdict: key.verdict, rule: key.rule, title: key.title, suppressed: key.suppressed, members: [],
                    remediation: nil)
            }
            // A binary counts once, even with several findings of one rule (one per host).
            guard groups[key]?.members.last?.path != member.path else { return }
            groups[key]?.members.append(member)
            remediations[key, default: []].insert(remediation ?? "")
        }
        var titles: [String: String] = [:]
        for binary in report.binaries {
            for finding in binary.findings where titles[finding.rule] == nil { titles[finding.rule] = finding.title }
        }
        let extras = report.applicationOnlyReasons
        for binary in report.binaries {
            if binary.verdict == .unknown {
                let key = Key(
                    verdict: .unknown, rule: ApplicationAssessor.unanalysableRule, title: "could not be analysed",
                    suppressed: false)
                let reason = binary.reason ?? "no rule decided the verdict"
                add(key, Member(path: binary.path, detail: reason), remediation: nil)
            }
            for finding in binary.findings where finding.verdict != .native {
                let key = Key(
                    verdict: finding.verdict, rule: finding.rule, title: finding.title,
                    suppressed: finding.suppression != nil)
                add(key, Member(path: binary.path), remediation: finding.remediation)
            }
            for reason in extras[binary.path] ?? [] {
                let key = Key(
                    verdict: reason.verdict, rule: reason.rule, title: titles[reason.rule] ?? reason.message,
                    suppressed: false)
                add(key, Member(path: binary.path), remediation: nil)
            }
        }
        return order.compactMap { key in
            guard var group = groups[key] else { return nil }
            if let only = remediations[key], only.count == 1, let text = only.first, !text.isEmpty {
                group.remediation = text
            }
            return group
        }.sorted { lhs, rhs in
            if lhs.verdict != rhs.verdict { return lhs.verdict > rhs.verdict }
            if lhs.suppressed != rhs.suppressed { return !lhs.suppressed }
            if lhs.members.count != rhs.members.count { return lhs.members.count > rhs.members.count }
            return (lhs.rule, lhs.title) < (rhs.rule, rhs.title)
        }
    }
}
