/// Makes any string inert inside GitHub-flavoured Markdown: table cells, list items and the
/// HTML blocks (`<details>`, `<summary>`) of the Markdown report.
///
/// Character references are used instead of backslash escapes because they work in both
/// Markdown and raw HTML blocks, and CommonMark never reads a reference as structure (spec
/// §6.2): `&#124;` cannot end a table cell, `&#42;` cannot start emphasis. Line breaks become
/// spaces so a message cannot break out of its table row; other control characters are dropped.
package enum MarkdownEscaper {
    package static func inline(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "|": out += "&#124;"
            case "`": out += "&#96;"
            case "*": out += "&#42;"
            case "_": out += "&#95;"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "\\": out += "&#92;"
            case "~": out += "&#126;"
            case "#": out += "&#35;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
