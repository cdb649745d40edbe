/// Makes any string safe inside XML 1.0 text and attribute values.
///
/// File names and messages come from scanned files (DESIGN.md §8): they may hold `<`, `&`,
/// quotes, control characters and U+FFFD from non-UTF-8 names. XML 1.0 §2.2 allows only
/// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`; anything else
/// cannot even be written as a character reference, so it is dropped.
package enum XMLEscaper {
    /// Escaped character data for element content.
    package static func text(_ string: String) -> String {
        escape(string, attribute: false)
    }

    /// Escaped attribute value (for double- or single-quoted attributes); tab, line feed and
    /// carriage return become character references so attribute normalisation keeps them.
    package static func attribute(_ string: String) -> String {
        escape(string, attribute: true)
    }

    /// Whether XML 1.0 allows this scalar at all.
    package static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func escape(_ string: String, attribute: Bool) -> String {
        string.mappingScalars { scalar in
            switch scalar {
            case _ where !isAllowed(scalar): ""
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&apos;"
            case "\t" where attribute: "&#9;"
            case "\n" where attribute: "&#10;"
            case "\r": "&#13;"
            default: nil
            }
        }
    }
}
