/// A rule's `when` (or `applies`) condition: a tree of `all`/`any`/`not` over fact tests.
package indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(FactTest)
}

/// One leaf test: `{fact: NAME, OPERATOR: OPERAND}`.
package struct FactTest: Sendable, Equatable {
    package var fact: String
    package var op: Operator
    package var operand: Operand

    package init(fact: String, op: Operator, operand: Operand) {
        self.fact = fact
        self.op = op
        self.operand = operand
    }
}

/// The comparison operators; Rules/README.md gives their exact semantics.
package enum Operator: String, Sendable, Equatable, CaseIterable {
    case equals, notEquals = "not_equals", `in`, contains
    case anyOf = "any_of", noneOf = "none_of", subsetOf = "subset_of"
    case exists, gt, gte, lt, lte

    /// Operators whose operand may name a `target.*` list fact instead of a literal list.
    var acceptsReference: Bool {
        switch self {
        case .in, .anyOf, .noneOf, .subsetOf: true
        default: false
        }
    }
}

/// The right-hand side of a test.
package enum Operand: Sendable, Equatable {
    /// One literal (`equals`, `contains`, `exists`, comparisons).
    case value(FactValue)
    /// A literal list (`in`, `any_of`, `none_of`, `subset_of`), typed like the fact's elements.
    case values([FactValue])
    /// Another fact's value, named `target.<name>` (set operators and `in`).
    case reference(String)
}

extension Condition {
    /// Every fact name the condition tests.
    package var factNames: Set<String> {
        switch self {
        case .all(let conditions), .any(let conditions): conditions.reduce(into: []) { $0.formUnion($1.factNames) }
        case .not(let condition): condition.factNames
        case .test(let test): [test.fact]
        }
    }
}

extension Rule {
    /// Whether the rule tests `app.*` facts, i.e. can only fire in an application's context.
    package var needsApplicationContext: Bool {
        (when.factNames.union(applies?.factNames ?? [])).contains { $0.hasPrefix("app.") }
    }
}
