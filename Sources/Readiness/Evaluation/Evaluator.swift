import BinaryFormats

/// Rates one binary: facts + rules + target → `Assessment`.
///
/// The verdict is the worst verdict among the rules that fire; `execution` comes from the
/// worst fired rule that states one, else from the readers' `execution` fact. When no rule
/// fires the verdict is `unknown` with the reason "no rule decided", never a silent `native`.
package enum Evaluator {
    /// Evaluates every active rule against the binary's facts on `target`.
    package static func evaluate(facts: Facts, rules: RuleSet, target: TargetProfile) -> Assessment {
        let all = completeFacts(facts, on: target)
        var findings: [Finding] = []
        for rule in rules.rules where rule.matches(all) {
            findings.append(
                Finding(
                    ruleID: rule.id, title: rule.title, verdict: rule.verdict, confidence: rule.confidence,
                    execution: rule.execution, message: rule.message.render(all),
                    remediation: rule.remediation.render(all), references: rule.references, source: rule.source))
        }
        findings.sort { lhs, rhs in
            let l = lhs.verdict.severity ?? -1
            let r = rhs.verdict.severity ?? -1
            return l != r ? l > r : lhs.ruleID < rhs.ruleID
        }
        let stated = findings.first { $0.execution != nil }?.execution
        let read: Execution? = {
            guard case .string(let raw)? = all["execution"] else { return nil }
            return Execution(rawValue: raw)
        }()
        let execution = stated ?? read ?? .other
        guard !findings.isEmpty else {
            return Assessment(
                verdict: .unknown, execution: execution, findings: [],
                reason: "no rule decided: no active rule matched this binary's facts", target: target.name)
        }
        let verdict = findings.map(\.verdict).reduce(Verdict.unknown, Verdict.worst)
        let reason = verdict == .unknown ? "only rules with verdict unknown matched" : nil
        return Assessment(verdict: verdict, execution: execution, findings: findings, reason: reason, target: target.name)
    }

    /// The binary's facts with the target's `target.*` facts and the derived facts added.
    ///
    /// Derived: `isa.x86.missing_x64` / `isa.x86.missing_x86` (required x86 extensions the
    /// emulator does not expose to x64 / x86 processes) and `isa.arm64.missing` (required
    /// AArch64 extensions the CPU lacks); each is set only when non-empty.
    package static func completeFacts(_ facts: Facts, on target: TargetProfile) -> Facts {
        var all = facts.merging(target.facts)
        func missing(_ needed: String, _ available: String, into name: String) {
            guard case .list(let items)? = all[needed] else { return }
            let have = Set(all[available]?.strings ?? [])
            let lacking = items.filter { !have.contains($0) }
            if !lacking.isEmpty { all[name] = .set(lacking) }
        }
        missing("isa.x86", "target.x64_emulated_isa", into: "isa.x86.missing_x64")
        missing("isa.x86", "target.x86_emulated_isa", into: "isa.x86.missing_x86")
        missing("isa.arm64", "target.arm64_isa", into: "isa.arm64.missing")
        return all
    }
}
