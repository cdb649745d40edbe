import Yams

/// Reads one target profile file strictly.
///
/// Format: `version` (optional, 1), `name` (= file name), `description`, `references`, and
/// `facts`: a mapping from `target.*` fact names without the `target.` prefix to values.
struct TargetProfileParser {
    let reader: YAMLReader
    let expectedName: String

    /// The facts a profile may set: every `target.*` fact except name and description.
    static let allowedFacts: [String] = FactCatalog.entries.map(\.name)
        .filter { $0.hasPrefix("target.") && $0 != FactKey.targetName.name && $0 != FactKey.targetDescription.name }
        .map { String($0.dropFirst("target.".count)) }
    /// Facts a profile may leave out, so profiles written before them still load.
    static let optionalFacts: Set<String> = [String(FactKey.targetWindowsBuild.name.dropFirst("target.".count))]
    /// The facts a profile must set.
    static let requiredFacts: [String] = allowedFacts.filter { !optionalFacts.contains($0) }

    func parse(_ text: String) throws(ReadinessError) -> TargetProfile {
        let root = try reader.root(of: text)
        let map = try reader.entries(
            root, allowed: ["version", "name", "description", "references", "facts"],
            required: ["name", "description", "facts"], what: "target profile")
        if let version = map["version"]?.value, YAMLReader.integer(try reader.text(version, key: "version")) != 1 {
            throw reader.error(version, "unsupported target profile version (this armready reads version 1)")
        }
        guard let nameNode = map["name"]?.value, let descriptionNode = map["description"]?.value,
            let factsNode = map["facts"]?.value
        else { throw reader.error(root, "target profile needs name, description and facts") }
        let name = try reader.nonEmptyText(nameNode, key: "name")
        guard name == expectedName else {
            throw reader.error(nameNode, "target name '\(name)' does not match the file name '\(expectedName).yaml'")
        }
        let description = try reader.nonEmptyText(descriptionNode, key: "description")
        var facts = Facts()
        facts[.targetName] = .string(name)
        facts[.targetDescription] = .string(description)
        let entries = try reader.entries(
            factsNode, allowed: Self.allowedFacts, required: Self.requiredFacts, what: "target facts")
        for (key, entry) in entries {
            let full = "target." + key
            guard let catalog = FactCatalog.entry(full) else { continue }
            var value = try reader.value(entry.value, type: catalog.type, key: key)
            try ExtensionNameCheck(reader: reader).check(entry.value, fact: full, lowercased: true)
            if case .list(let items) = value { value = .set(items.map { $0.lowercased() }) }
            facts[full] = value
        }
        var references: [Rule.Reference] = []
        if let refs = map["references"]?.value {
            for item in try reader.items(refs, key: "references") {
                let ref = try reader.entries(
                    item, allowed: ["title", "url"], required: ["title", "url"], what: "reference")
                guard let title = ref["title"]?.value, let url = ref["url"]?.value else { continue }
                references.append(
                    Rule.Reference(
                        title: try reader.nonEmptyText(title, key: "title"),
                        url: try reader.nonEmptyText(url, key: "url")))
            }
        }
        return TargetProfile(
            name: name, description: description, facts: facts, references: references, source: reader.file)
    }
}
