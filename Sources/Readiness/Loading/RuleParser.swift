import BinaryFormats
import Yams

/// Reads one rule file strictly (Rules/README.md describes the format).
///
/// Unknown keys, unknown facts, bad operators, an id that differs from the file name, a
/// placeholder naming no fact, and a low/medium-confidence message that does not say so are
/// all errors at the offending line.
struct RuleParser {
    /// The supported `version` of the rule format.
    static let formatVersion = 1

    private static let keys = [
        "version", "id", "title", "verdict", "execution", "confidence", "applies", "when",
        "message", "remediation", "references", "examples",
    ]
    private static let required = ["id", "title", "verdict", "when", "message", "remediation", "examples"]

    let reader: YAMLReader
    /// The id the file name implies (`foo` for `foo.yaml`).
    let expectedID: String

    /// Parses the rule in `text`.
    func parse(_ text: String) throws(ReadinessError) -> Rule {
        let root = try reader.root(of: text)
        let map = try reader.entries(root, allowed: Self.keys, required: Self.required, what: "rule")
        func node(_ key: String) -> Node? { map[key]?.value }
        if let version = node("version") {
            let raw = try reader.text(version, key: "version")
            guard YAMLReader.integer(raw) == Self.formatVersion else {
                throw reader.error(
                    version,
                    "unsupported rule format version '\(raw)' (this armready reads version \(Self.formatVersion))")
            }
        }
        let idNode = try require(map, "id")
        let id = try reader.nonEmptyText(idNode, key: "id")
        guard id == expectedID else {
            throw reader.error(idNode, "rule id '\(id)' does not match the file name '\(expectedID).yaml'")
        }
        let conditions = ConditionParser(reader: reader)
        let confidence =
            try node("confidence").map { n throws(ReadinessError) in try choice(n, key: "confidence", Confidence.self) }
            ?? .high
        let messageNode = try require(map, "message")
        let message = try template(messageNode, key: "message")
        if confidence != .high {
            let phrase = "\(confidence.rawValue) confidence"
            guard (try reader.text(messageNode, key: "message")).lowercased().contains(phrase) else {
                throw reader.error(
                    messageNode, "a \(confidence.rawValue)-confidence rule must say '\(phrase)' in its message")
            }
        }
        return Rule(
            id: id,
            title: try reader.nonEmptyText(try require(map, "title"), key: "title"),
            verdict: try choice(try require(map, "verdict"), key: "verdict", Verdict.self),
            execution: try node("execution").map { n throws(ReadinessError) in
                try choice(n, key: "execution", Execution.self)
            },
            confidence: confidence,
            applies: try node("applies").map { n throws(ReadinessError) in try conditions.condition(n, key: "applies")
            },
            when: try conditions.condition(try require(map, "when"), key: "when"),
            message: message,
            remediation: try template(try require(map, "remediation"), key: "remediation"),
            references: try node("references").map { n throws(ReadinessError) in try references(n) } ?? [],
            examples: try examples(try require(map, "examples")),
            source: reader.file,
            line: reader.line(idNode))
    }

    private func require(_ map: [String: (key: Node, value: Node)], _ key: String) throws(ReadinessError) -> Node {
        guard let entry = map[key] else {
            throw .invalid(file: reader.file, line: 1, message: "rule is missing the required key '\(key)'")
        }
        return entry.value
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String, _: T.Type) throws(ReadinessError)
        -> T
    where T.RawValue == String {
        let raw = try reader.nonEmptyText(node, key: key)
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.error(node, "'\(key)' must be one of: \(allowed) (found '\(raw)')")
        }
        return value
    }

    private func template(_ node: Node, key: String) throws(ReadinessError) -> MessageTemplate {
        let text = try reader.nonEmptyText(node, key: key)
        do {
            return try MessageTemplate(parsing: text)
        } catch {
            throw reader.error(node, "\(key): \(error.message)")
        }
    }

    private func references(_ node: Node) throws(ReadinessError) -> [Rule.Reference] {
        var result: [Rule.Reference] = []
        for item in try reader.items(node, key: "references") {
            let map = try reader.entries(
                item, allowed: ["title", "url"], required: ["title", "url"], what: "reference")
            guard let title = map["title"]?.value, let url = map["url"]?.value else { continue }
            result.append(
                Rule.Reference(
                    title: try reader.nonEmptyText(title, key: "title"), url: try reader.nonEmptyText(url, key: "url")))
        }
        return result
    }

    private func examples(_ node: Node) throws(ReadinessError) -> Rule.Examples {
        let map = try reader.entries(
            node, allowed: ["match", "no_match"], required: ["match", "no_match"], what: "examples")
        func list(_ key: String) throws(ReadinessError) -> [Rule.Example] {
            guard let listNode = map[key]?.value else { return [] }
            let items = try reader.items(listNode, key: key)
            guard !items.isEmpty else { throw reader.error(listNode, "examples need at least one '\(key)' entry") }
            var result: [Rule.Example] = []
            for item in items { result.append(try ExampleParser(reader: reader).example(item)) }
            return result
        }
        return Rule.Examples(match: try list("match"), noMatch: try list("no_match"))
    }
}
