/// Evaluation of conditions against facts. The semantics are documented in Rules/README.md;
/// keep the two in step.
extension Condition {
    /// Whether the condition holds for `facts`.
    ///
    /// A test on a fact that is absent is false (only `exists: false` is true), so `not`
    /// around such a test is true: rules guard with `format` or `exists` where that matters.
    package func holds(for facts: Facts) -> Bool {
        switch self {
        case .all(let children): children.allSatisfy { $0.holds(for: facts) }
        case .any(let children): children.contains { $0.holds(for: facts) }
        case .not(let child): !child.holds(for: facts)
        case .test(let test): test.holds(for: facts)
        }
    }
}

extension FactTest {
    /// Whether this leaf test holds for `facts`.
    package func holds(for facts: Facts) -> Bool {
        let value = facts[fact]
        if op == .exists {
            guard case .value(.bool(let wanted)) = operand else { return false }
            return (value != nil) == wanted
        }
        guard let value else { return false }
        switch op {
        case .equals: return operandValue.map { Self.same(value, $0) } ?? false
        case .notEquals: return operandValue.map { !Self.same(value, $0) } ?? false
        case .contains: return contains(value)
        case .in:
            return operandList(in: facts).contains { Self.same(value, $0) }
        case .anyOf, .noneOf, .subsetOf:
            guard let items = value.strings else { return false }
            let set = Set(operandList(in: facts).compactMap(\.strings).joined())
            switch op {
            case .anyOf: return items.contains { set.contains($0) }
            case .noneOf: return !items.contains { set.contains($0) }
            default: return items.allSatisfy { set.contains($0) }
            }
        case .gt, .gte, .lt, .lte:
            guard let lhs = value.number, let rhs = operandValue?.number else { return false }
            switch op {
            case .gt: return lhs > rhs
            case .gte: return lhs >= rhs
            case .lt: return lhs < rhs
            default: return lhs <= rhs
            }
        case .exists: return false
        }
    }

    private var operandValue: FactValue? {
        if case .value(let value) = operand { return value }
        return nil
    }

    /// The operand as a list of values; a referenced list fact becomes one value per element.
    private func operandList(in facts: Facts) -> [FactValue] {
        switch operand {
        case .values(let values): return values
        case .value(let value): return [value]
        case .reference(let name):
            switch facts[name] {
            case .list(let items)?: return items.map(FactValue.string)
            case let other?: return [other]
            case nil: return []
            }
        }
    }

    private func contains(_ value: FactValue) -> Bool {
        guard case .string(let needle)? = operandValue else { return false }
        switch value {
        case .list(let items): return items.contains(needle)
        case .string(let text): return text.contains(needle)
        default: return false
        }
    }

    /// Equality across the numeric types; lists compare as sets.
    private static func same(_ a: FactValue, _ b: FactValue) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        if case .list(let x) = a, case .list(let y) = b { return Set(x) == Set(y) }
        return a == b
    }
}
