/// The flat dictionary of dotted fact names that rules see for one binary.
///
/// Built by `FactsBuilder` from a `BinaryImage` and by `ISAFacts` from its code profile,
/// extended with the `file.*` and `app.*` facts by the scan and `ApplicationAssessor`, and with
/// the target profile's `target.*` facts and the derived `*.missing_*` facts by `Evaluator`.
/// Every name is a `FactKey` in `FactCatalog`.
package struct Facts: Sendable, Equatable {
    package private(set) var values: [String: FactValue]

    package init(_ values: [String: FactValue] = [:]) {
        self.values = values
    }

    package subscript(key: FactKey) -> FactValue? {
        get { values[key.name] }
        set { values[key.name] = newValue }
    }

    /// A fact by the name a rule or a file gives (checked against `FactCatalog` when loaded).
    package subscript(name: String) -> FactValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The names present, sorted, for deterministic output.
    package var names: [String] { values.keys.sorted() }

    /// These facts with `other`'s values laid on top (other wins on a clash).
    package func merging(_ other: Facts) -> Facts {
        Facts(values.merging(other.values) { _, new in new })
    }

    /// `name = value` lines, sorted by name: what `armready facts FILE` prints.
    package var lines: [String] {
        names.compactMap { name in values[name].map { "\(name) = \($0.rendered)" } }
    }
}
