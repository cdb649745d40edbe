/// A message or remediation with `{fact.name}` placeholders.
///
/// `{{` and `}}` stand for literal braces. Placeholder names are checked against
/// `FactCatalog` when the rule loads; a fact that is absent at evaluation renders as `unknown`.
package struct MessageTemplate: Sendable, Equatable {
    package enum Piece: Sendable, Equatable {
        case text(String)
        case fact(String)
    }

    package var pieces: [Piece]

    /// Splits a template into text and placeholders.
    ///
    /// - Throws: a message (without location) for an unclosed brace or a bad name; the loader
    ///   adds the file and line.
    package init(parsing template: String) throws(TemplateError) {
        var pieces: [Piece] = []
        var text = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            let next = template.index(after: index)
            if character == "{" || character == "}", next < template.endIndex, template[next] == character {
                text.append(character)
                index = template.index(after: next)
                continue
            }
            if character == "}" { throw .unbalanced }
            guard character == "{" else {
                text.append(character)
                index = next
                continue
            }
            guard let close = template[next...].firstIndex(of: "}") else { throw .unbalanced }
            let name = String(template[next..<close])
            guard FactCatalog.entry(name) != nil else { throw .unknownFact(name) }
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.fact(name))
            index = template.index(after: close)
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
    }

    /// The template with each placeholder replaced by the fact's rendered value.
    package func render(_ facts: Facts) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .fact(let name): facts[name]?.rendered ?? "unknown"
            }
        }.joined()
    }

    /// Why a template did not parse.
    package enum TemplateError: Error, Sendable, Equatable {
        case unbalanced
        case unknownFact(String)

        var message: String {
            switch self {
            case .unbalanced: "unbalanced '{' or '}' (write {{ or }} for a literal brace)"
            case .unknownFact(let name): "unknown placeholder '{\(name)}' (not a known fact)"
            }
        }
    }
}
