/// Facts encode as plain JSON values (`"pe"`, `34404`, `0.75`, `true`, `["avx2"]`), so
/// `armready facts --json` and the JSON report need no wrapper objects.
extension FactValue: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        }
    }
}

/// Facts encode as one JSON object keyed by fact name (encode with `.sortedKeys`).
extension Facts: Encodable {
    package func encode(to encoder: any Encoder) throws {
        try values.encode(to: encoder)
    }
}
