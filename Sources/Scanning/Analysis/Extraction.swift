import BinaryFormats
import InstructionSets
import Readiness

/// What analysis learns from a binary's bytes alone: no path, no rules, no target. It is the
/// part of the work an `AnalysisCache` keeps, keyed by the bytes' SHA-256.
struct Extraction: Sendable, Equatable, Codable {
    /// The reader's answer when the bytes are not a readable image.
    var failure: String?
    var format: BinaryFormat
    var machine: UInt32?
    var machineName: String?
    var kind: BinaryKind?
    var bits: Int?
    var details: BinaryDetails?
    var isa: ISAProfile?
    /// The image's facts (without `file.*`, `app.*` and `target.*`).
    var facts: CachedFacts
    /// PE imports, for resolving them inside the application.
    var imports: [String]

    static func failed(_ format: BinaryFormat, reason: String) -> Extraction {
        Extraction(
            failure: reason, format: format, machine: nil, machineName: nil, kind: nil, bits: nil, details: nil, isa: nil,
            facts: CachedFacts(Facts()), imports: [])
    }
}

/// `Facts` with each value's type kept (`{"int": 1}`, `{"double": 1.0}`), so that a cached
/// `1.0` comes back a double and not an int.
struct CachedFacts: Sendable, Equatable, Codable {
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
        facts = Facts(tagged.mapValues { value in
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
