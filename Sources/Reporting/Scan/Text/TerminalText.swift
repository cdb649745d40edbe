/// Column arithmetic for terminal tables: display width, safe text, truncation, padding.
///
/// Widths are counted per grapheme cluster (a `Character`), so combining marks add nothing,
/// and East Asian wide and emoji characters count two columns (UAX #11 `W`/`F` ranges, the
/// blocks that matter for file names). File names may hold escape sequences: `sanitized`
/// replaces every control character so a name cannot move the cursor or change colours.
package enum TerminalText {
    /// Columns the string takes on a terminal.
    package static func width(_ string: String) -> Int {
        // Most names are printable ASCII: one column per byte, no Unicode tables needed.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string.utf8.count }
        return string.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.generalCategory == .control { return 0 }
        if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return isWide(scalar.value) ? 2 : 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// The string with every control character (C0, DEL, C1: ESC included) shown as `?`,
    /// and line breaks and tabs as spaces.
    package static func sanitized(_ string: String) -> String {
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return string }
        var out = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.properties.generalCategory == .control {
                    out += "?"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// At most `limit` columns; a longer string keeps its start and end around `…`, which suits
    /// paths (the folder and the file name both matter).
    package static func truncatedMiddle(_ string: String, to limit: Int) -> String {
        guard width(string) > limit else { return string }
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        let budget = limit - 1
        let tailBudget = budget / 2
        let headBudget = budget - tailBudget
        return prefix(string, columns: headBudget) + "…" + suffix(string, columns: tailBudget)
    }

    /// At most `limit` columns; a longer string ends in `…`.
    package static func truncatedEnd(_ string: String, to limit: Int) -> String {
        guard width(string) > limit else { return string }
        guard limit > 1 else { return limit == 1 ? "…" : "" }
        return prefix(string, columns: limit - 1) + "…"
    }

    /// At most `limit` columns of a line that may hold the SGR colour codes this module emits
    /// (`ESC [ … m`, never counted); a cut line ends in `…` and a reset code when a colour was
    /// still open at the cut. File data never carries escapes here: it is `sanitized` first.
    package static func clipped(_ line: String, to limit: Int) -> String {
        guard width(line.replacingSGR()) > limit else { return line }
        var out = ""
        var used = 0
        var styled = false
        var characters = line.makeIterator()
        let budget = max(limit - 1, 0)
        while let character = characters.next() {
            if character == "\u{1B}" {
                var sequence = String(character)
                while let next = characters.next() {
                    sequence.append(next)
                    if next == "m" { break }
                }
                out += sequence
                styled = sequence != "\u{1B}[0m"
                continue
            }
            let w = width(of: character)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        return out + (limit > 0 ? "…" : "") + (styled ? "\u{1B}[0m" : "")
    }

    /// The string followed by spaces up to `columns`.
    package static func padded(_ string: String, to columns: Int) -> String {
        let missing = columns - width(string)
        return missing > 0 ? string + String(repeating: " ", count: missing) : string
    }

    static func prefix(_ string: String, columns: Int) -> String {
        var out = ""
        var used = 0
        for character in string {
            let w = width(of: character)
            if used + w > columns { break }
            out.append(character)
            used += w
        }
        return out
    }

    static func suffix(_ string: String, columns: Int) -> String {
        var out: [Character] = []
        var used = 0
        for character in string.reversed() {
            let w = width(of: character)
            if used + w > columns { break }
            out.append(character)
            used += w
        }
        return String(out.reversed())
    }
}

extension String {
    /// Without `ESC [ … m` sequences: the text a terminal shows.
    func replacingSGR() -> String {
        var out = ""
        var inEscape = false
        for character in self {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
