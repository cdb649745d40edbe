/// What a target machine can run, as `target.*` facts (Rules/targets/*.yaml).
///
/// A profile is data: the built-in ones are embedded from `Rules/targets/`, and a user adds
/// one as `<rules folder>/targets/<name>.yaml`. Every `target.*` fact in `FactCatalog` must be
/// set, so rules never see a half-described machine.
package struct TargetProfile: Sendable, Equatable {
    /// The default target: Windows 11 24H2+ with the current Prism on Snapdragon X gen 1.
    package static let defaultName = "copilot-plus-pc"

    package var name: String
    package var description: String
    /// The `target.*` facts, including `target.name` and `target.description`.
    package var facts: Facts
    package var references: [Rule.Reference]
    /// Where the profile came from (`Rules/targets/<name>.yaml` for built-ins).
    package var source: String

    package init(name: String, description: String, facts: Facts, references: [Rule.Reference] = [], source: String) {
        self.name = name
        self.description = description
        self.facts = facts
        self.references = references
        self.source = source
    }
}
