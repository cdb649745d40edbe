/// Pulls the few values armready needs out of an application manifest without an XML parser:
/// the text of `<supportedArchitectures>` (any namespace prefix; Microsoft "Application
/// manifests", SMI/2024/WindowsSettings) and `requestedExecutionLevel`'s `level`.
enum ManifestParser {
    static func parse(_ bytes: UnsafeRawBufferPointer) -> ManifestInfo {
        let text = decode(bytes)
        var architectures: [String]?
        if let value = elementText(named: "supportedArchitectures", in: text) {
            architectures = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .map { $0.lowercased() }
        }
        return ManifestInfo(
            supportedArchitectures: architectures,
            requestedExecutionLevel: attribute("level", ofElement: "requestedExecutionLevel", in: text))
    }

    /// UTF-16 when it starts with a byte-order mark, UTF-8 otherwise (as package manifests).
    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        XMLTagScanner.text(Array(bytes))
    }

    /// The text between `<[prefix:]name ...>` and the next `<`.
    private static func elementText(named name: String, in text: String) -> String? {
        guard let open = openingTag(name, in: text), let close = text[open.upperBound...].firstIndex(of: "<") else {
            return nil
        }
        return String(text[open.upperBound..<close])
    }

    private static func attribute(_ attribute: String, ofElement name: String, in text: String) -> String? {
        guard let open = openingTag(name, in: text) else { return nil }
        let tag = text[open]
        guard let key = tag.firstRange(of: attribute + "=") else { return nil }
        let rest = tag[key.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return String(value)
    }

    /// The range of the whole opening tag `<...name ...>`, matching `name` after `<` or `:`.
    private static func openingTag(_ name: String, in text: String) -> Range<String.Index>? {
        var searchStart = text.startIndex
        while let found = text[searchStart...].firstRange(of: name) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if before == "<" || before == ":",
                after == ">" || after == " " || after == "/" || after == "\t" || after == "\n" || after == "\r"
            {
                var start = found.lowerBound
                while start > text.startIndex, text[start] != "<" { start = text.index(before: start) }
                guard let end = text[found.upperBound...].firstIndex(of: ">") else { return nil }
                return start..<text.index(after: end)
            }
            searchStart = found.upperBound
        }
        return nil
    }
}
