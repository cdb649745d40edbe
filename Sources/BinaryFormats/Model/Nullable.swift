/// An optional that JSON writes as `null` instead of leaving its key out.
///
/// Synthesised `Encodable` skips nil optionals (`encodeIfPresent`), but armready's JSON
/// contracts (the scan report, `inspect --format json`) promise that every documented member
/// is present, so a consumer can tell "does not apply" (`null`) from "written by an older
/// version" (missing key). Wrapping a property makes the synthesised code call
/// `encode(_:forKey:)` on the wrapper, which writes `null` for nil; decoding accepts both
/// `null` and a missing key, so older files still read.
@propertyWrapper
package struct Nullable<Value> {
    package var wrappedValue: Value?

    package init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }
}

extension Nullable: Sendable where Value: Sendable {}
extension Nullable: Equatable where Value: Equatable {}
extension Nullable: Hashable where Value: Hashable {}

extension Nullable: Encodable where Value: Encodable {
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension Nullable: Decodable where Value: Decodable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as nil rather than failing (synthesised `Decodable` asks for the
    /// wrapper by key even when the wrapped value is optional).
    package func decode<Value: Decodable>(_ type: Nullable<Value>.Type, forKey key: Key) throws -> Nullable<Value> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}
