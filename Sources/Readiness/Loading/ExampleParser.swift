import Yams

/// Reads one example: a mapping from fact names to values typed by `FactCatalog`.
struct ExampleParser {
    let reader: YAMLReader

    func example(_ node: Node) throws(ReadinessError) -> Rule.Example {
        guard case .mapping(let mapping) = node else {
            throw reader.error(node, "an example must be a mapping of fact names to values")
        }
        var facts = Facts()
        for (keyNode, valueNode) in mapping {
            let name = try reader.nonEmptyText(keyNode, key: "fact name")
            guard let entry = FactCatalog.entry(name) else { throw reader.error(keyNode, "unknown fact '\(name)'") }
            var value = try reader.value(valueNode, type: entry.type, key: name)
            try ExtensionNameCheck(reader: reader).check(valueNode, fact: name)
            if case .list(let items) = value { value = .set(items) }
            facts[name] = value
        }
        return Rule.Example(facts: facts, line: reader.line(node))
    }
}
