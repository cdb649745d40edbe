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
                    rule: rule.id, title: rule.title, verdict: rule.verdict, confidence: rule.confidence,
                    message: rule.message.render(all), remediation: rule.remediation.render(all),
                    references: rule.references, source: rule.source, execution: rule.execution))
        }
        findings.sort(by: Finding.worstFirst)
        let stated = findings.first { $0.execution != nil }?.execution
        let read: Execution? = {
            guard case .string(let raw)? = all[.execution] else { return nil }
            return Execution(rawValue: raw)
        }()
        let execution = stated ?? read ?? .other
        guard !findings.isEmpty else {
            return Assessment(
                verdict: .unknown, execution: execution, findings: [],
                reason: "no rule decided: no active rule matched this binary's facts", target: target.name)
        }
        let verdict = findings.map(\.verdict).worst
        let reason = verdict == .unknown ? "only rules with verdict unknown matched" : nil
        return Assessment(
            verdict: verdict, execution: execution, findings: findings, reason: reason, target: target.name)
    }

    /// The binary's facts with the target's `target.*` facts and the derived facts added.
    ///
    /// Derived: `isa.x86.missing_x64` / `isa.x86.missing_x86` (required x86 extensions the
    /// emulator does not expose to x64 / x86 processes) and `isa.arm64.missing` (required
    /// AArch64 extensions the CPU lacks), each set only when non-empty; and
    /// `package.min_windows_build_above_target`, set only when true.
    package static func completeFacts(_ facts: Facts, on target: TargetProfile) -> Facts {
        var all = facts.merging(target.facts)
        func missing(_ needed: FactKey, _ available: FactKey, into name: FactKey) {
            guard case .list(let items)? = all[needed] else { return }
            let have = Set(all[available]?.strings ?? [])
            let lacking = items.filter { !have.contains($0) }
            if !lacking.isEmpty { all[name] = .set(lacking) }
        }
        missing(.isaX86, .targetX64EmulatedIsa, into: .isaX86MissingX64)
        missing(.isaX86Unknown, .targetX64EmulatedIsa, into: .isaX86UnknownMissingX64)
        missing(.isaX86, .targetX86EmulatedIsa, into: .isaX86MissingX86)
        missing(.isaArm64, .targetArm64Isa, into: .isaArm64Missing)
        if case .int(let needed)? = all[.packageMinWindowsBuild], case .int(let runs)? = all[.targetWindowsBuild],
            needed > runs
        {
            all[.packageMinWindowsBuildAboveTarget] = .bool(true)
        }
        return all
    }
}
