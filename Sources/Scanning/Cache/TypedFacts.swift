import Readiness

/// `Facts` with each value's type kept (`{"int": 1}`, `{"double": 1.0}`), so that a cached
/// `1.0` comes back a double and not an int.
struct TypedFacts: Sendable, Equatable, Codable {
    var facts: Facts

    init(_ facts: Facts) {
        self.facts = facts
    }

    private enum Tagged: Codable, Equatable {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case list([String])
    }

    init(from decoder: any Decoder) throws {
        let tagged = try [String: Tagged](from: decoder)
        facts = Facts(
            tagged.mapValues { value in
                switch value {
                case .string(let text): .string(text)
                case .int(let number): .int(number)
                case .double(let number): .double(number)
                case .bool(let flag): .bool(flag)
                case .list(let items): .list(items)
                }
            })
    }

    func encode(to encoder: any Encoder) throws {
        let tagged: [String: Tagged] = facts.values.mapValues { value in
            switch value {
            case .string(let text): .string(text)
            case .int(let number): .int(number)
            case .double(let number): .double(number)
            case .bool(let flag): .bool(flag)
            case .list(let items): .list(items)
            }
        }
        try tagged.encode(to: encoder)
    }
}
