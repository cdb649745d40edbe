/// One fact's value: the small closed set of shapes a rule can compare.
///
/// Lists are kept sorted and without duplicates when built by `FactsBuilder`, so they behave
/// as sets in the `any_of`, `none_of` and `subset_of` operators and print deterministically.
package enum FactValue: Sendable, Equatable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([String])

    /// A set-like list: sorted, without duplicates.
    package static func set<S: Sequence>(_ items: S) -> FactValue where S.Element == String {
        .list(Array(Set(items)).sorted())
    }

    /// The type this value has, for checking it against `FactCatalog`.
    package var type: FactType {
        switch self {
        case .string: .string
        case .int: .int
        case .double: .double
        case .bool: .bool
        case .list: .list
        }
    }

    /// The value as a number, for `gt`/`gte`/`lt`/`lte`; nil for non-numbers.
    package var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The value as a list of strings: a list as is, a string as a one-element list.
    package var strings: [String]? {
        switch self {
        case .list(let items): items
        case .string(let item): [item]
        default: nil
        }
    }

    /// How the value appears in rendered messages and in `armready facts`.
    ///
    /// Lists are joined with ", " (`none` when empty); doubles print with at most two decimals
    /// so shares such as `hybrid.native_share` read naturally.
    package var rendered: String {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .list(let items): return items.isEmpty ? "none" : items.joined(separator: ", ")
        case .double(let value):
            let scaled = (value * 100).rounded() / 100
            if let whole = Int(exactly: scaled) { return String(whole) }
            return String(scaled)
        }
    }
}

/// The declared type of a fact in `FactCatalog`.
package enum FactType: String, Sendable, Equatable, CaseIterable {
    case string, int, double, bool, list

    /// Whether a value of this type can be compared with numbers (`gt`, `gte`, `lt`, `lte`).
    package var isNumeric: Bool { self == .int || self == .double }
}
