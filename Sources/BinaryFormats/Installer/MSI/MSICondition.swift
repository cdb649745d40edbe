/// A Windows Installer conditional statement (`LaunchCondition.Condition`, WiX Burn's
/// `InstallCondition` uses the same grammar), parsed once and evaluated in three values: a
/// property the caller cannot know (set at run time by AppSearch, a custom action or the command
/// line) makes the parts that depend on it unknown rather than guessed.
///
/// Syntax and semantics follow Microsoft's "Conditional Statement Syntax" (installers.md §1):
/// logical `Not` > `And` > `Or` > `Xor` > `Eqv` > `Imp` (case-insensitive); comparisons
/// `= <> > >= < <=` and the substring/bitwise `>< << >>`, each optionally prefixed with `~`
/// for a case-insensitive string comparison; operands are properties (`VersionNT64`),
/// `%ENVIRONMENT`, `$component`/`?component`/`&feature`/`!feature` states, decimal integers and
/// `"quoted"` literals. A property whose value is an integer compares as one; an integer against
/// a string is false except for `<>`.
package struct MSICondition: Sendable, Equatable {
    /// What a name resolves to: `.value("")` for a property known to be unset, nil for one the
    /// caller cannot know.
    package typealias Resolve = @Sendable (String) -> String?

    package let text: String
    private let root: Node

    /// Longest condition read and deepest nesting: LaunchCondition cells are short.
    package static let maxLength = 4096
    static let maxDepth = 64

    /// Nil when the text is empty, too long or not a condition this grammar reads.
    package init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= Self.maxLength else { return nil }
        var parser = Parser(tokens: Lexer.tokens(text) ?? [])
        guard !parser.tokens.isEmpty, let root = parser.expression(depth: 0), parser.atEnd else { return nil }
        self.text = text
        self.root = root
    }

    /// True or false when every name it depends on is known, nil otherwise.
    package func evaluate(_ resolve: Resolve) -> Bool? {
        root.truth(resolve)
    }

    /// The property names the condition reads (not environment variables or feature states).
    package var properties: [String] {
        var names: [String] = []
        root.collect(into: &names)
        return names
    }

    // MARK: - Tree

    fileprivate indirect enum Node: Sendable, Equatable {
        case operand(Operand)
        case not(Node)
        case logical(Logical, Node, Node)
        case compare(Comparison, caseless: Bool, Operand, Operand)

        func truth(_ resolve: Resolve) -> Bool? {
            switch self {
            case let .operand(operand):
                guard let value = operand.value(resolve) else { return nil }
                switch value {
                case let .integer(number): return number != 0
                case let .string(text): return !text.isEmpty
                }
            case let .not(node): return node.truth(resolve).map(!)
            case let .logical(kind, left, right): return kind.apply(left.truth(resolve), right.truth(resolve))
            case let .compare(comparison, caseless, left, right):
                guard let left = left.value(resolve), let right = right.value(resolve) else { return nil }
                return comparison.apply(left, right, caseless: caseless)
            }
        }

        func collect(into names: inout [String]) {
            switch self {
            case let .operand(operand): operand.collect(into: &names)
            case let .not(node): node.collect(into: &names)
            case let .logical(_, left, right):
                left.collect(into: &names)
                right.collect(into: &names)
            case let .compare(_, _, left, right):
                left.collect(into: &names)
                right.collect(into: &names)
            }
        }
    }

    fileprivate enum Operand: Sendable, Equatable {
        case property(String)
        /// `%NAME`, `$component`, `?component`, `&feature`, `!feature`: machine or run-time state.
        case state(String)
        case integer(Int)
        case literal(String)

        func value(_ resolve: Resolve) -> Value? {
            switch self {
            case let .integer(number): return .integer(number)
            case let .literal(text): return .string(text)
            case .state: return nil
            case let .property(name):
                guard let text = resolve(name) else { return nil }
                return Value(propertyValue: text)
            }
        }

        func collect(into names: inout [String]) {
            if case let .property(name) = self, !names.contains(name) { names.append(name) }
        }
    }

    fileprivate enum Value: Equatable {
        case integer(Int)
        case string(String)

        /// A property whose whole value is a (signed) decimal integer is one.
        init(propertyValue text: String) {
            if let number = Int(text), text.utf8.count <= 11 { self = .integer(number) } else { self = .string(text) }
        }
    }

    fileprivate enum Logical: Sendable, Equatable {
        case and, or, xor, eqv, imp

        func apply(_ left: Bool?, _ right: Bool?) -> Bool? {
            switch self {
            case .and:
                if left == false || right == false { return false }
                guard let left, let right else { return nil }
                return left && right
            case .or:
                if left == true || right == true { return true }
                guard let left, let right else { return nil }
                return left || right
            case .imp:
                if left == false || right == true { return true }
                guard let left, let right else { return nil }
                return !left || right
            case .xor, .eqv:
                guard let left, let right else { return nil }
                return self == .xor ? left != right : left == right
            }
        }
    }

    fileprivate enum Comparison: String, Sendable, Equatable {
        case equal = "=", notEqual = "<>", greater = ">", greaterOrEqual = ">=", less = "<"
        case lessOrEqual = "<=", contains = "><", startsWith = "<<", endsWith = ">>"

        func apply(_ left: Value, _ right: Value, caseless: Bool) -> Bool {
            switch (left, right) {
            case let (.integer(left), .integer(right)):
                switch self {
                case .equal: return left == right
                case .notEqual: return left != right
                case .greater: return left > right
                case .greaterOrEqual: return left >= right
                case .less: return left < right
                case .lessOrEqual: return left <= right
                case .contains: return left & right != 0
                case .startsWith: return (left >> 16) & 0xFFFF == right
                case .endsWith: return left & 0xFFFF == right
                }
            case var (.string(left), .string(right)):
                if caseless {
                    left = left.lowercased()
                    right = right.lowercased()
                }
                switch self {
                case .equal: return left == right
                case .notEqual: return left != right
                case .greater: return left > right
                case .greaterOrEqual: return left >= right
                case .less: return left < right
                case .lessOrEqual: return left <= right
                case .contains: return left.contains(right)
                case .startsWith: return left.hasPrefix(right)
                case .endsWith: return left.hasSuffix(right)
                }
            default:
                return self == .notEqual
            }
        }
    }

    // MARK: - Lexer and parser

    fileprivate enum Token: Equatable {
        case open, close
        case keyword(Keyword)
        case comparison(Comparison, caseless: Bool)
        case operand(Operand)
    }

    fileprivate enum Keyword: String {
        case not, and, or, xor, eqv, imp
    }

    private enum Lexer {
        static func tokens(_ text: String) -> [Token]? {
            let bytes = Array(text.utf8)
            var tokens: [Token] = []
            var index = 0
            func isNameByte(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
                    || byte == 0x2E || byte >= 0x80
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                case UInt8(ascii: "("): tokens.append(.open); index += 1
                case UInt8(ascii: ")"): tokens.append(.close); index += 1
                case UInt8(ascii: "\""):
                    guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                    tokens.append(.operand(.literal(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))))
                    index = end + 1
                case UInt8(ascii: "~"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    var caseless = false
                    if byte == UInt8(ascii: "~") {
                        caseless = true
                        index += 1
                    }
                    var symbol = ""
                    while index < bytes.count, symbol.count < 2,
                        [UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(bytes[index])
                    {
                        let candidate = symbol + String(UnicodeScalar(bytes[index]))
                        guard Comparison(rawValue: candidate) != nil else { break }
                        symbol = candidate
                        index += 1
                    }
                    guard let comparison = Comparison(rawValue: symbol) else { return nil }
                    tokens.append(.comparison(comparison, caseless: caseless))
                case UInt8(ascii: "-"), 0x30...0x39:
                    var end = index + 1
                    while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
                    guard let number = Int(String(decoding: bytes[index..<end], as: UTF8.self)) else { return nil }
                    tokens.append(.operand(.integer(number)))
                    index = end
                case UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "!"):
                    var end = index + 1
                    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                    guard end > index + 1 else { return nil }
                    tokens.append(.operand(.state(String(decoding: bytes[index..<end], as: UTF8.self))))
                    index = end
                default:
                    guard isNameByte(byte) else { return nil }
                    var end = index + 1
                    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                    let word = String(decoding: bytes[index..<end], as: UTF8.self)
                    if let keyword = Keyword(rawValue: word.lowercased()) {
                        tokens.append(.keyword(keyword))
                    } else {
                        tokens.append(.operand(.property(word)))
                    }
                    index = end
                }
            }
            return tokens
        }
    }

    private struct Parser {
        let tokens: [Token]
        var position = 0

        init(tokens: [Token]) { self.tokens = tokens }

        var atEnd: Bool { position == tokens.count }

        private var next: Token? { position < tokens.count ? tokens[position] : nil }

        /// Lowest precedence first: Imp, Eqv, Xor, Or, And.
        private static let levels: [(Keyword, Logical)] = [
            (.imp, .imp), (.eqv, .eqv), (.xor, .xor), (.or, .or), (.and, .and),
        ]

        mutating func expression(depth: Int) -> Node? {
            binary(level: 0, depth: depth)
        }

        private mutating func binary(level: Int, depth: Int) -> Node? {
            guard level < Self.levels.count else { return unary(depth: depth) }
            guard var left = binary(level: level + 1, depth: depth) else { return nil }
            let (keyword, logical) = Self.levels[level]
            while next == .keyword(keyword) {
                position += 1
                guard let right = binary(level: level + 1, depth: depth) else { return nil }
                left = .logical(logical, left, right)
            }
            return left
        }

        private mutating func unary(depth: Int) -> Node? {
            guard depth < MSICondition.maxDepth else { return nil }
            if next == .keyword(.not) {
                position += 1
                return unary(depth: depth + 1).map(Node.not)
            }
            if next == .open {
                position += 1
                guard let inner = expression(depth: depth + 1), next == .close else { return nil }
                position += 1
                return inner
            }
            guard case let .operand(left)? = next else { return nil }
            position += 1
            guard case let .comparison(comparison, caseless)? = next else { return .operand(left) }
            position += 1
            guard case let .operand(right)? = next else { return nil }
            position += 1
            return .compare(comparison, caseless: caseless, left, right)
        }
    }
}
