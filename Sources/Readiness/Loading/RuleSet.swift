/// The rules in force for a scan: the built-ins, then each user folder, minus `--disable`.
package struct RuleSet: Sendable, Equatable {
    /// The active rules, sorted by id.
    package var rules: [Rule]
    /// User rules that replaced a rule of the same id, in load order.
    package var overrides: [Override]
    /// Ids switched off with `--disable`, sorted.
    package var disabled: [String]

    /// A user rule that took the place of an earlier rule with its id.
    package struct Override: Sendable, Equatable {
        package var id: String
        /// The file of the rule now in force.
        package var source: String
        /// The file of the rule it replaced.
        package var replaced: String
    }

    package init(rules: [Rule], overrides: [Override] = [], disabled: [String] = []) {
        self.rules = rules.sorted { $0.id < $1.id }
        self.overrides = overrides
        self.disabled = disabled
    }

    /// Loads and assembles the rules.
    ///
    /// - Parameters:
    ///   - builtIn: the built-in files (the embedded `Rules/`; pass `[]` for none). Only
    ///     `Rules/*.yaml` are rules here; `Rules/targets/` holds profiles.
    ///   - userDirectories: `--rules` folders, in order; a rule whose id is already loaded
    ///     replaces it and is recorded in `overrides`. User rules' examples are run against the
    ///     default target and must pass.
    ///   - disabled: ids to switch off; an id that names no rule is an error.
    /// - Throws: `ReadinessError` naming the file and line of the first problem.
    package static func load(
        builtIn: [EmbeddedFile] = EmbeddedRules.files, userDirectories: [String] = [], disabled: [String] = []
    ) throws(ReadinessError) -> RuleSet {
        var byID: [String: Rule] = [:]
        var overrides: [Override] = []
        for rule in try parse(builtIn.filter { $0.folder == "Rules" && $0.isYAML }) { byID[rule.id] = rule }
        if !userDirectories.isEmpty {
            let target = try TargetProfile.load(userDirectories: userDirectories)
            for directory in userDirectories {
                for rule in try parse(try RuleFolder.yamlFiles(in: directory)) {
                    if let failure = rule.exampleFailures(on: target).first {
                        throw .invalid(file: rule.source, line: failure.line, message: failure.message)
                    }
                    if let previous = byID[rule.id] {
                        overrides.append(Override(id: rule.id, source: rule.source, replaced: previous.source))
                    }
                    byID[rule.id] = rule
                }
            }
        }
        for id in disabled where byID[id] == nil {
            throw .unknownDisabledRule(id: id, available: byID.keys.sorted())
        }
        let off = Set(disabled)
        return RuleSet(rules: byID.values.filter { !off.contains($0.id) }, overrides: overrides, disabled: off.sorted())
    }

    /// Parses the rule files of one source, rejecting an id seen twice in it.
    package static func parse(_ files: [EmbeddedFile]) throws(ReadinessError) -> [Rule] {
        var seen: [String: String] = [:]
        var rules: [Rule] = []
        for file in files {
            let rule = try RuleParser(reader: YAMLReader(file: file.path), expectedID: file.stem).parse(file.contents)
            if let first = seen[rule.id] {
                throw .duplicateRule(id: rule.id, file: file.path, line: rule.line, firstFile: first)
            }
            seen[rule.id] = file.path
            rules.append(rule)
        }
        return rules
    }
}
