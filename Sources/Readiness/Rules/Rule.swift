import BinaryFormats

/// One rule, as loaded from `Rules/<id>.yaml` (format in Rules/README.md).
package struct Rule: Sendable, Equatable {
    package var id: String
    package var title: String
    package var verdict: Verdict
    /// How the binary runs when this rule decides its verdict; nil leaves the readers' value.
    package var execution: Execution?
    package var confidence: Confidence
    /// Scope: the rule is only considered where this holds (nil: everywhere).
    package var applies: Condition?
    package var when: Condition
    /// Message template; `{fact.name}` placeholders are filled from the facts.
    package var message: MessageTemplate
    package var remediation: MessageTemplate
    package var references: [Reference]
    package var examples: Examples
    /// Where the rule came from: `Rules/<id>.yaml` for built-ins, the file path for user rules.
    package var source: String
    /// The line of the `id` key in `source`.
    package var line: Int = 1

    /// A source the rule cites.
    package struct Reference: Sendable, Equatable, Codable {
        package var title: String
        package var url: String
    }

    /// Fact sets that must and must not make the rule fire, each with its line in the file.
    package struct Examples: Sendable, Equatable {
        package var match: [Example]
        package var noMatch: [Example]
    }

    package struct Example: Sendable, Equatable {
        package var facts: Facts
        package var line: Int
    }

    /// Whether the rule fires for these facts (which already include `target.*`).
    package func matches(_ facts: Facts) -> Bool {
        if let applies, !applies.holds(for: facts) { return false }
        return when.holds(for: facts)
    }
}
