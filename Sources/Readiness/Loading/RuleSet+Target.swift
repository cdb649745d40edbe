extension RuleSet {
    /// The rules in force and the target they are evaluated on, from the built-ins and the
    /// user's folders (`--rules`, the configuration's `rules:`).
    /// - Parameter target: the profile's name; nil is the default, `copilot-plus-pc`.
    package static func load(
        userDirectories: [String], disabled: [String], target: String?
    ) throws(ReadinessError) -> (RuleSet, TargetProfile) {
        let rules = try load(builtIn: EmbeddedRules.files, userDirectories: userDirectories, disabled: disabled)
        return (rules, try TargetProfile.load(name: target, userDirectories: userDirectories))
    }
}
