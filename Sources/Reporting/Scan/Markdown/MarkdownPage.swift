/// A Markdown document that stays under a byte limit by leaving out whole units — a table row,
/// a list item, a `<details>` block — never part of one, so no table, HTML element or UTF-8
/// sequence is ever cut.
///
/// Units are added worst first; once one does not fit, nothing after it is added either, so a
/// less important line never takes the place of a more important one that was left out.
/// `reserve` bytes stay free for the note that says what was left out.
struct MarkdownPage {
    let maxBytes: Int
    let reserve: Int
    private(set) var lines: [String] = []
    /// Bytes of `text` so far: every line and its newline.
    private(set) var bytes = 0
    /// A unit did not fit; every later one is left out too.
    private(set) var isFull = false

    init(maxBytes: Int, reserve: Int) {
        self.maxBytes = maxBytes
        self.reserve = reserve
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    static func size(_ lines: [String]) -> Int {
        lines.reduce(0) { $0 + $1.utf8.count + 1 }
    }

    /// Lines that appear whatever the limit (the heading and the counts).
    mutating func always(_ more: [String]) {
        lines += more
        bytes += Self.size(more)
    }

    /// Adds `heading` with the first unit that fits, then as many units as fit, in order.
    /// - Parameter between: lines between two units (a blank line between `<details>` blocks).
    /// - Returns: how many units were left out.
    mutating func section(heading: [String], units: [[String]], between: [String] = []) -> Int {
        var added = 0
        for unit in units {
            let lead = added == 0 ? heading : between
            let cost = Self.size(lead) + Self.size(unit)
            guard !isFull, bytes + cost + reserve <= maxBytes else {
                isFull = true
                break
            }
            always(lead + unit)
            added += 1
        }
        return units.count - added
    }
}
