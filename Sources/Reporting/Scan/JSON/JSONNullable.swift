/// Encodes an optional as JSON `null` instead of leaving the key out.
///
/// Synthesised `Encodable` skips nil optionals (`encodeIfPresent`), but the scan JSON contract
/// promises that every documented member is present, so consumers can tell "absent" from "not
/// written by this version" (docs/json-schema.md). Wrapping a property makes the synthesised
/// code call `encode(_:forKey:)` on the wrapper, which writes `null` for nil.
@propertyWrapper
struct JSONNullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension Optional where Wrapped == Double {
    /// The value when it is finite: JSON has no NaN or infinity, and the encoder throws on them.
    var finiteOrNil: Double? {
        flatMap { $0.isFinite ? $0 : nil }
    }
}
