import Foundation

/// Rewrites a JSON document so that every repeated value and every set of object keys is
/// written once, for the HTML report's data blob.
///
/// A 20,000-binary scan repeats the same rule titles, remediations, DLL names, verdicts and
/// member names on almost every binary; the page's size budget (about 15 MB, DESIGN.md §6) only
/// holds if each is written once. The rewrite knows nothing about the report: it works on any
/// JSON text, and `Reports/report.js` undoes it with a tree walk. The output is
/// `{"shapes":[...],"tree":...,"values":[...]}`:
///
/// - `values`: the distinct scalars (strings, numbers, `true`, `false`, `null`), most used first,
///   each written as the input wrote it.
/// - `shapes`: the distinct key lists of the objects, most used first, each a list of indices
///   into `values`.
/// - `tree`: the document, where a number `n` is `values[n]`, a string is itself (strings that
///   occur once are left in place, an index would only add to them), an array whose first
///   element is a negative number `-k` is an object with the keys `shapes[k-1]` and the
///   remaining elements as its values in that order, and any other array is an array.
///
/// Every number in `tree` is a non-negative index, so an object's negative marker can never be
/// mistaken for an array element. Indices are ordered by use count, then by first use in the
/// input, so the same input gives the same bytes.
struct HTMLJSONInterner {
    /// The rewritten form of `json`, or nil when `json` is not one well-formed JSON value.
    static func intern(_ json: [UInt8]) -> [UInt8]? {
        json.withUnsafeBytes { bytes -> [UInt8]? in
            var interner = HTMLJSONInterner(bytes: bytes)
            guard interner.parseDocument() else { return nil }
            return interner.output()
        }
    }

    /// The bytes of one scalar exactly as the input wrote it, compared by content.
    private struct Scalar: Hashable {
        var bytes: UnsafeRawBufferPointer

        func hash(into hasher: inout Hasher) {
            hasher.combine(bytes: bytes)
        }

        static func == (lhs: Scalar, rhs: Scalar) -> Bool {
            guard lhs.bytes.count == rhs.bytes.count else { return false }
            guard let left = lhs.bytes.baseAddress, let right = rhs.bytes.baseAddress else { return true }
            return memcmp(left, right, lhs.bytes.count) == 0
        }
    }

    /// Tokens of the parsed tree: a scalar's id (0 or more), or one of these markers; an
    /// object's token is `objectBase - shape`.
    private static let endToken: Int32 = -1
    private static let arrayToken: Int32 = -2
    private static let objectBase: Int32 = -3
    /// Deeper input is refused rather than risk the stack (the scan report nests about eight deep).
    private static let maximumDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var tokens: [Int32] = []
    private var scalarIDs: [Scalar: Int32] = [:]
    private var scalars: [Scalar] = []
    /// Per scalar: uses as a value plus uses in a shape.
    private var uses: [Int] = []
    /// Per scalar: whether any object uses it as a key (then it must be in `values`).
    private var isKey: [Bool] = []
    private var shapeIDs: [[Int32]: Int32] = [:]
    private var shapes: [[Int32]] = []
    private var shapeUses: [Int] = []
    /// The keys of the objects being parsed, innermost last.
    private var openKeys: [Int32] = []

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        tokens.reserveCapacity(bytes.count / 6)
    }

    // MARK: Parsing

    private mutating func parseDocument() -> Bool {
        guard parseValue(depth: 0) else { return false }
        skipWhitespace()
        return position == bytes.count
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) -> Bool {
        skipWhitespace()
        guard position < bytes.count, depth < Self.maximumDepth else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"): return parseObject(depth: depth)
        case UInt8(ascii: "["): return parseArray(depth: depth)
        default:
            guard let id = parseScalar() else { return false }
            uses[Int(id)] += 1
            tokens.append(id)
            return true
        }
    }

    private mutating func parseArray(depth: Int) -> Bool {
        position += 1
        tokens.append(Self.arrayToken)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            tokens.append(Self.endToken)
            return true
        }
        while true {
            guard parseValue(depth: depth + 1) else { return false }
            skipWhitespace()
            guard position < bytes.count else { return false }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else { return false }
        }
        tokens.append(Self.endToken)
        return true
    }

    private mutating func parseObject(depth: Int) -> Bool {
        position += 1
        let objectToken = tokens.count
        tokens.append(Self.objectBase)
        let firstKey = openKeys.count
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = parseScalar() else {
                    return false
                }
                isKey[Int(key)] = true
                openKeys.append(key)
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                position += 1
                guard parseValue(depth: depth + 1) else { return false }
                skipWhitespace()
                guard position < bytes.count else { return false }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "}") { break }
                guard byte == UInt8(ascii: ",") else { return false }
            }
        }
        tokens.append(Self.endToken)
        let keys = Array(openKeys[firstKey...])
        openKeys.removeSubrange(firstKey...)
        tokens[objectToken] = Self.objectBase - shapeID(keys)
        return true
    }

    /// Reads one string, number or literal and returns its id, adding it on first sight.
    private mutating func parseScalar() -> Int32? {
        let start = position
        if bytes[position] == UInt8(ascii: "\"") {
            guard let end = closingQuote(after: position) else { return nil }
            position = end + 1
        } else {
            scan: while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"), 0x20, 0x09, 0x0A, 0x0D:
                    break scan
                case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""):
                    return nil
                default:
                    position += 1
                }
            }
            guard position > start else { return nil }
        }
        let scalar = Scalar(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        if let id = scalarIDs[scalar] { return id }
        let id = Int32(scalars.count)
        scalarIDs[scalar] = id
        scalars.append(scalar)
        uses.append(0)
        isKey.append(false)
        return id
    }

    /// The offset of the quote that closes the string opened at `open`: the next quote not
    /// escaped by an odd run of backslashes. `memchr` because strings are most of the bytes.
    private func closingQuote(after open: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = open + 1
        while from < bytes.count {
            guard let hit = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) else { return nil }
            let quote = base.distance(to: UnsafeRawPointer(hit))
            var backslashes = 0
            while quote - backslashes - 1 > open, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote }
            from = quote + 1
        }
        return nil
    }

    private mutating func shapeID(_ keys: [Int32]) -> Int32 {
        let id: Int32
        if let known = shapeIDs[keys] {
            id = known
        } else {
            id = Int32(shapes.count)
            shapeIDs[keys] = id
            shapes.append(keys)
            shapeUses.append(0)
            for key in keys { uses[Int(key)] += 1 }
        }
        shapeUses[Int(id)] += 1
        return id
    }

    // MARK: Writing

    /// Positions by use count, most used first; ties keep first-use order.
    private static func ranking(_ uses: [Int], including: (Int) -> Bool) -> (order: [Int], rank: [Int32]) {
        let order = uses.indices.filter(including).sorted { uses[$0] != uses[$1] ? uses[$0] > uses[$1] : $0 < $1 }
        var rank = [Int32](repeating: -1, count: uses.count)
        for (position, id) in order.enumerated() { rank[id] = Int32(position) }
        return (order, rank)
    }

    private func output() -> [UInt8] {
        let values = Self.ranking(uses) { id in
            isKey[id] || uses[id] > 1 || scalars[id].bytes.first != UInt8(ascii: "\"")
        }
        let shapeOrder = Self.ranking(shapeUses) { _ in true }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        out.append(contentsOf: Array(#"{"shapes":["#.utf8))
        for (index, shape) in shapeOrder.order.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (position, key) in shapes[shape].enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendDecimal(Int(values.rank[Int(key)]), to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: Array(#"],"tree":"#.utf8))
        var needsComma = false
        for token in tokens {
            switch token {
            case Self.endToken:
                out.append(UInt8(ascii: "]"))
                needsComma = true
            case Self.arrayToken:
                if needsComma { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                needsComma = false
            case ..<Self.arrayToken:
                if needsComma { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "-")])
                Self.appendDecimal(Int(shapeOrder.rank[Int(Self.objectBase - token)]) + 1, to: &out)
                needsComma = true
            default:
                if needsComma { out.append(UInt8(ascii: ",")) }
                let rank = values.rank[Int(token)]
                if rank < 0 {
                    out.append(contentsOf: scalars[Int(token)].bytes)
                } else {
                    Self.appendDecimal(Int(rank), to: &out)
                }
                needsComma = true
            }
        }
        out.append(contentsOf: Array(#","values":["#.utf8))
        for (index, id) in values.order.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: scalars[id].bytes)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 10 else {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value))
            return
        }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
}
