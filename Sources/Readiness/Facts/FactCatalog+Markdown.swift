extension FactCatalog {
    /// The catalog as the Markdown table in `Rules/README.md` ("Facts"), which a test keeps
    /// equal to this text; `armready rules facts` prints it too.
    package static var markdownTable: String {
        var lines = ["| group | fact | type | meaning |", "|---|---|---|---|"]
        for (title, keys) in groups {
            for key in keys {
                lines.append(
                    "| \(title) | `\(key.name)` | \(key.type.rawValue) | \(key.doc.replacingOccurrences(of: "|", with: "\\|")) |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
