/// The glob matching git uses for ignore patterns (`wildmatch` with `WM_PATHNAME`), on bytes.
///
/// `*`, `?` and `[...]` never match `/`; `**` matches across slashes only as a whole component
/// (`**/` leading, `/**` trailing, `/**/` inside, where it also matches no directory at all);
/// anywhere else it is one `*`. Classes take `!` or `^` for negation, ranges, `\` escapes and
/// the ASCII `[:name:]` classes; `\` escapes any character outside one. As in git, a `*` that
/// cannot find what follows it gives up on every shorter split at once (the two abort results),
/// so no pattern takes more than polynomial time.
enum Wildmatch {
    /// Whether `glob` matches all of `text` from `start` on.
    static func matches(_ glob: [UInt8], _ text: [UInt8], from start: Int = 0) -> Bool {
        match(glob, 0, text, start) == .match
    }

    private enum Outcome {
        case match
        case noMatch
        /// Nothing after this point can match: every caller up to the top gives up.
        case abortAll
        /// Only a `**` further up may still find a match by eating more.
        case abortToDoubleStar
    }

    private static let slash = UInt8(ascii: "/")
    private static let star = UInt8(ascii: "*")
    private static let backslash = UInt8(ascii: "\\")

    private static func match(_ glob: [UInt8], _ globStart: Int, _ text: [UInt8], _ textStart: Int) -> Outcome {
        // 0 past either end, as the C original's terminating NUL.
        func g(_ index: Int) -> UInt8 { index < glob.count ? glob[index] : 0 }
        func t(_ index: Int) -> UInt8 { index < text.count ? text[index] : 0 }
        var p = globStart
        var i = textStart
        while p < glob.count {
            let character = t(i)
            if character == 0 && glob[p] != star { return .abortAll }
            switch glob[p] {
            case backslash:
                p += 1
                if character != g(p) { return .noMatch }
            case UInt8(ascii: "?"):
                if character == slash { return .noMatch }
            case UInt8(ascii: "["):
                switch matchClass(glob, &p, character) {
                case .some(true): break
                case .some(false): return .noMatch
                case .none: return .abortAll
                }
            case star:
                p += 1
                var crossesSlashes = false
                if g(p) == star {
                    let before = p - 2
                    while g(p) == star { p += 1 }
                    let startsComponent = before < globStart || glob[before] == slash
                    let endsComponent = g(p) == 0 || g(p) == slash || (g(p) == backslash && g(p + 1) == slash)
                    if startsComponent && endsComponent {
                        // `/**/` may stand for no directory: try the rest right here first.
                        if g(p) == slash, match(glob, p + 1, text, i) == .match { return .match }
                        crossesSlashes = true
                    }
                }
                if p >= glob.count {
                    // A trailing `*` takes the rest of one component, a trailing `**` everything.
                    return crossesSlashes || !text[min(i, text.count)...].contains(slash) ? .match : .noMatch
                }
                if !crossesSlashes && glob[p] == slash {
                    // `*/`: the rest of this component, then the slash matches below.
                    guard let next = text[min(i, text.count)...].firstIndex(of: slash) else { return .noMatch }
                    i = next
                    break
                }
                return matchStar(glob, p, text, i, crossesSlashes: crossesSlashes)
            default:
                if character != glob[p] { return .noMatch }
            }
            p += 1
            i += 1
        }
        return i < text.count ? .noMatch : .match
    }

    /// A `*` (or `**` when `crossesSlashes`) followed by `glob[p...]`, which is not empty:
    /// tries every split of the text after `i`.
    private static func matchStar(_ glob: [UInt8], _ p: Int, _ text: [UInt8], _ start: Int, crossesSlashes: Bool)
        -> Outcome
    {
        var i = start
        while i < text.count {
            let next = glob[p]
            if next != star && next != UInt8(ascii: "?") && next != UInt8(ascii: "[") && next != backslash {
                // A literal follows: skip straight to its next occurrence in reach.
                while i < text.count && text[i] != next && (crossesSlashes || text[i] != slash) { i += 1 }
                if i >= text.count || text[i] != next { return crossesSlashes ? .abortAll : .abortToDoubleStar }
            }
            let outcome = match(glob, p, text, i)
            if outcome != .noMatch {
                if !crossesSlashes || outcome != .abortToDoubleStar { return outcome }
            } else if !crossesSlashes && text[i] == slash {
                return .abortToDoubleStar
            }
            i += 1
        }
        return .abortAll
    }

    /// Matches `character` against the class that starts at `glob[p]` (`[`), leaving `p` on its
    /// closing `]`.
    /// - Returns: whether it matched; nil for a class that never closes or names an unknown
    ///   `[:class:]` (nothing can match then).
    private static func matchClass(_ glob: [UInt8], _ p: inout Int, _ character: UInt8) -> Bool? {
        func g(_ index: Int) -> UInt8 { index < glob.count ? glob[index] : 0 }
        p += 1
        var member = g(p)
        let negated = member == UInt8(ascii: "!") || member == UInt8(ascii: "^")
        if negated {
            p += 1
            member = g(p)
        }
        var previous: UInt8 = 0
        var matched = false
        // The first member may be `]` itself, so the test for the end comes after it.
        repeat {
            if member == 0 { return nil }
            if member == backslash {
                p += 1
                member = g(p)
                if member == 0 { return nil }
                if character == member { matched = true }
            } else if member == UInt8(ascii: "-") && previous != 0 && g(p + 1) != 0 && g(p + 1) != UInt8(ascii: "]") {
                p += 1
                member = g(p)
                if member == backslash {
                    p += 1
                    member = g(p)
                    if member == 0 { return nil }
                }
                if character >= previous && character <= member { matched = true }
                // A range's end cannot start another range.
                member = 0
            } else if member == UInt8(ascii: "[") && g(p + 1) == UInt8(ascii: ":") {
                let nameStart = p + 2
                var end = nameStart
                while g(end) != 0 && g(end) != UInt8(ascii: "]") { end += 1 }
                if g(end) == 0 { return nil }
                if end - nameStart - 1 < 0 || glob[end - 1] != UInt8(ascii: ":") {
                    // No `:]`: the `[` is an ordinary member.
                    if character == member { matched = true }
                } else {
                    guard let test = namedClass(glob[nameStart..<(end - 1)]) else { return nil }
                    if test(character) { matched = true }
                    p = end
                    member = 0
                }
            } else if character == member {
                matched = true
            }
            previous = member
            p += 1
            member = g(p)
        } while member != UInt8(ascii: "]")
        return matched != negated && character != slash
    }

    /// The POSIX class `[:name:]`, on ASCII only (git's `sane_ctype`).
    private static func namedClass(_ name: ArraySlice<UInt8>) -> ((UInt8) -> Bool)? {
        let upper = { (c: UInt8) in c >= 0x41 && c <= 0x5A }
        let lower = { (c: UInt8) in c >= 0x61 && c <= 0x7A }
        let digit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
        let space = { (c: UInt8) in c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        let graph = { (c: UInt8) in c > 0x20 && c < 0x7F }
        let alnum = { (c: UInt8) in upper(c) || lower(c) || digit(c) }
        switch String(decoding: name, as: UTF8.self) {
        case "alnum": return alnum
        case "alpha": return { upper($0) || lower($0) }
        case "blank": return { $0 == 0x20 || $0 == 0x09 }
        case "cntrl": return { $0 < 0x20 || $0 == 0x7F }
        case "digit": return digit
        case "graph": return graph
        case "lower": return lower
        case "print": return { graph($0) || $0 == 0x20 }
        case "punct": return { graph($0) && !alnum($0) }
        case "space": return space
        case "upper": return upper
        case "xdigit": return { digit($0) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) }
        default: return nil
        }
    }
}
