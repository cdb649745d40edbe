import ArgumentParser
import Readiness

/// Options that choose the rules and the target, shared by `scan`, `facts` and `rules`.
struct RuleOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Target profile (built-in: copilot-plus-pc, windows-arm64-23h2, snapdragon-x2; or one from a --rules folder)."
    )
    var target: String?

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "A folder of extra rules (*.yaml) and target profiles (targets/*.yaml); a rule with a built-in id overrides it. Repeatable.",
            valueName: "dir"))
    var ruleDirectories: [String] = []

    @Option(name: .customLong("disable"), help: ArgumentHelp("Switch a rule off by id. Repeatable.", valueName: "rule"))
    var disabled: [String] = []

    /// Loads the rules and the target, with configuration values added.
    func load(extraDirectories: [String] = [], extraDisabled: [String] = [], configTarget: String? = nil)
        throws(ReadinessError) -> (RuleSet, TargetProfile)
    {
        try RuleSet.load(
            userDirectories: extraDirectories + ruleDirectories, disabled: extraDisabled + disabled,
            target: target ?? configTarget)
    }
}
