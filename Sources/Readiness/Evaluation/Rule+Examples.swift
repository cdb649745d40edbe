/// Running a rule's own examples: used by the test suite for every built-in rule and by
/// `RuleSet.load` for user rules.
extension Rule {
    /// An example that did not behave as declared.
    package struct ExampleFailure: Sendable, Equatable {
        package var line: Int
        package var message: String
    }

    /// The examples that fail on `target`: a `match` example that does not fire the rule, or a
    /// `no_match` example that does.
    ///
    /// An example's facts are laid over the target's facts, so an example may set `target.*`
    /// facts to pin its own machine; the derived `*.missing_*` facts are then computed as the
    /// evaluator would.
    package func exampleFailures(on target: TargetProfile) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        for (examples, expected) in [(self.examples.match, true), (self.examples.noMatch, false)] {
            for example in examples where matches(Self.facts(of: example, on: target)) != expected {
                let kind = expected ? "match" : "no_match"
                let outcome = expected ? "does not fire the rule" : "fires the rule"
                failures.append(ExampleFailure(line: example.line, message: "\(id): '\(kind)' example \(outcome)"))
            }
        }
        return failures
    }

    /// The full facts an example stands for on `target`.
    package static func facts(of example: Example, on target: TargetProfile) -> Facts {
        let combined = target.facts.merging(example.facts).values
        let machine = Facts(combined.filter { $0.key.hasPrefix("target.") })
        let binary = Facts(combined.filter { !$0.key.hasPrefix("target.") })
        let profile = TargetProfile(
            name: target.name, description: target.description, facts: machine, source: target.source)
        return Evaluator.completeFacts(binary, on: profile)
    }
}
