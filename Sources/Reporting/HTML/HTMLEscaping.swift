/// Escaping for the two places the HTML report puts untrusted text: element text and attribute
/// values written by the renderer, and the JSON data blob inside a `<script>` element.
///
/// Every other string from a binary or a file name reaches the page only through the data
/// blob, and the page's script puts it into the DOM with `textContent` (DESIGN.md §8).
enum HTMLEscaping {
    /// `text` with `& < > " '` replaced by character references: safe in element text and in
    /// quoted attribute values.
    static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON text made safe to sit between `<script type="application/json">` and `</script>`.
    ///
    /// `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so neither `</script>` nor
    /// `<!--` can appear; U+2028 and U+2029 become `\u2028`, `\u2029` so the text is also a
    /// valid JavaScript literal. In JSON these characters only occur inside strings, where the
    /// escapes decode to the same characters.
    static func scriptSafeJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count + json.utf8.count / 64)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
