/// "Did you mean 'scan'?" for a mistyped subcommand (`armready scna`): ArgumentParser suggests
/// options by edit distance but says only "Unexpected argument" for a subcommand.
enum SubcommandSuggestion {
    /// The message for `arguments` (without the program name) when the first one is no
    /// subcommand but close to one; nil when it is an option, a subcommand, or nothing like one.
    static func message(for arguments: [String], subcommands: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !subcommands.contains(word) else { return nil }
        let scored = subcommands.map { (name: $0, distance: distance(word.lowercased(), $0)) }
        // Close enough: at most two edits, and fewer than half the word's letters.
        guard let best = scored.min(by: { $0.distance < $1.distance }),
            best.distance <= 2, best.distance * 2 < max(word.count, best.name.count)
        else { return nil }
        return "Unknown subcommand '\(word)'. Did you mean '\(best.name)'?"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbouring characters each count one, so `scna` is one edit from `scan`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }
}
