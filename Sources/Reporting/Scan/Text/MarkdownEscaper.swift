/// Makes any string inert inside GitHub-flavoured Markdown: table cells, list items and the
/// HTML blocks (`<details>`, `<summary>`) of the Markdown report.
///
/// Character references are used instead of backslash escapes because they work in both
/// Markdown and raw HTML blocks, and CommonMark never reads a reference as structure (spec
/// §6.2): `&#124;` cannot end a table cell, `&#42;` cannot start emphasis. Line breaks become
/// spaces so a message cannot break out of its table row; other control characters are dropped.
package enum MarkdownEscaper {
    package static func inline(_ string: String) -> String {
        string.mappingScalars { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "|": "&#124;"
            case "`": "&#96;"
            case "*": "&#42;"
            case "_": "&#95;"
            case "[": "&#91;"
            case "]": "&#93;"
            case "\\": "&#92;"
            case "~": "&#126;"
            case "#": "&#35;"
            case "\n", "\r", "\t": " "
            default: scalar.properties.generalCategory == .control ? "" : nil
            }
        }
    }
}
