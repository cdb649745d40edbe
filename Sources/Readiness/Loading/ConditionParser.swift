import Yams

/// Reads a `when`/`applies` condition tree, checking fact names against `FactCatalog` and
/// each operand against the fact's type, so a rule that loads can always be evaluated.
struct ConditionParser {
    let reader: YAMLReader

    private static let combinators = ["all", "any", "not"]
    private static let operators = Operator.allCases.map(\.rawValue)

    /// Parses one condition node.
    func condition(_ node: Node, key: String) throws(ReadinessError) -> Condition {
        guard case .mapping(let mapping) = node else {
            throw reader.error(node, "'\(key)' must be a mapping with all, any, not, or fact")
        }
        let keys = mapping.keys.compactMap(\.string)
        if keys.contains("fact") { return .test(try test(node)) }
        let entries = try reader.entries(node, allowed: Self.combinators + ["fact"], what: "condition")
        guard entries.count == 1, let (name, entry) = entries.first else {
            throw reader.error(
                node,
                "a condition has exactly one of all, any, not, or fact (found \(keys.sorted().joined(separator: ", ")))"
            )
        }
        if name == "not" { return .not(try condition(entry.value, key: "not")) }
        let children = try reader.items(entry.value, key: name)
        guard !children.isEmpty else { throw reader.error(entry.value, "'\(name)' needs at least one condition") }
        var parsed: [Condition] = []
        for child in children { parsed.append(try condition(child, key: name)) }
        return name == "all" ? .all(parsed) : .any(parsed)
    }

    /// Parses a leaf `{fact: NAME, OPERATOR: OPERAND}`.
    private func test(_ node: Node) throws(ReadinessError) -> FactTest {
        guard case .mapping(let mapping) = node else { throw reader.error(node, "a fact test must be a mapping") }
        var factNode: Node?
        var opEntry: (key: Node, value: Node)?
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            if key == "fact" { factNode = valueNode; continue }
            guard Self.operators.contains(key) else {
                throw reader.error(
                    keyNode, "unknown operator '\(key)' (expected one of: \(Self.operators.joined(separator: ", ")))")
            }
            if opEntry != nil { throw reader.error(keyNode, "a fact test has exactly one operator") }
            opEntry = (keyNode, valueNode)
        }
        guard let factNode, let opEntry, let op = Operator(rawValue: opEntry.key.string ?? "") else {
            throw reader.error(
                node, "a fact test needs 'fact' and one operator (\(Self.operators.joined(separator: ", ")))")
        }
        let fact = try reader.nonEmptyText(factNode, key: "fact")
        guard let entry = FactCatalog.entry(fact) else { throw reader.error(factNode, "unknown fact '\(fact)'") }
        let operand = try self.operand(op, for: entry, node: opEntry.value)
        switch operand {
        case .value where op != .exists, .values:
            try ExtensionNameCheck(reader: reader).check(opEntry.value, fact: fact)
        case .value, .reference: break
        }
        return FactTest(fact: fact, op: op, operand: operand)
    }

    private func operand(_ op: Operator, for entry: FactKey, node: Node) throws(ReadinessError) -> Operand {
        let key = op.rawValue
        let type = entry.type
        switch op {
        case .exists:
            return .value(try reader.value(node, type: .bool, key: key))
        case .equals, .notEquals:
            return .value(try reader.value(node, type: type, key: key))
        case .contains:
            guard type == .list || type == .string else {
                throw reader.error(node, "'contains' needs a list or string fact; '\(entry.name)' is \(type.rawValue)")
            }
            return .value(try reader.value(node, type: .string, key: key))
        case .gt, .gte, .lt, .lte:
            guard type.isNumeric else {
                throw reader.error(node, "'\(key)' needs a numeric fact; '\(entry.name)' is \(type.rawValue)")
            }
            return .value(try reader.value(node, type: .double, key: key))
        case .in:
            guard type != .list, type != .bool else {
                throw reader.error(
                    node,
                    "'in' needs a string or number fact; '\(entry.name)' is \(type.rawValue) (use any_of or subset_of)")
            }
            if case .scalar = node { return try reference(node, key: key, elementType: type) }
            var values: [FactValue] = []
            for item in try reader.items(node, key: key) { values.append(try reader.value(item, type: type, key: key)) }
            return .values(values)
        case .anyOf, .noneOf, .subsetOf:
            guard type == .list else {
                throw reader.error(node, "'\(key)' needs a list fact; '\(entry.name)' is \(type.rawValue) (use in)")
            }
            if case .scalar = node { return try reference(node, key: key, elementType: .string) }
            guard case .list(let items) = try reader.value(node, type: .list, key: key) else { return .values([]) }
            return .values(items.map(FactValue.string))
        }
    }

    /// A `target.<name>` reference standing for a list operand.
    private func reference(_ node: Node, key: String, elementType: FactType) throws(ReadinessError) -> Operand {
        let name = try reader.nonEmptyText(node, key: key)
        guard name.hasPrefix("target.") else {
            throw reader.error(node, "'\(key)' takes a list or a target.* list fact, not '\(name)'")
        }
        guard let entry = FactCatalog.entry(name) else { throw reader.error(node, "unknown fact '\(name)'") }
        guard entry.type == .list, elementType == .string else {
            throw reader.error(
                node, "'\(key)' can only refer to a list of strings; '\(name)' is \(entry.type.rawValue)")
        }
        return .reference(name)
    }
}
