/// An instruction-set extension by its lower-case name (`avx2`, `sse4.1`, `sve2`, `lse`).
///
/// An open set: the name is the value, so a name the catalog does not list (a newer Zydis's
/// ISA set, a user's rule) still round-trips. The catalog (`ISAExtension+Catalog.swift`) names
/// every extension either decoder emits, and `known(_:)` lists them per architecture; the same
/// name can belong to both (`aes`). It encodes as the plain name, as the JSON contracts show it.
package struct ISAExtension: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    /// The two instruction-set families a profile reports: `x86` (x86 and x64 code) and `arm64`.
    package enum Architecture: String, Sendable, Hashable, Codable, CaseIterable {
        case x86, arm64
    }

    package let rawValue: String

    package init(rawValue: String) {
        self.rawValue = rawValue
    }

    package init(_ name: String) {
        self.init(rawValue: name)
    }

    /// A literal is the name itself (`"avx2"`), as rules and tests write it.
    package init(stringLiteral name: String) {
        self.init(rawValue: name)
    }

    package var description: String { rawValue }

    package static func < (lhs: ISAExtension, rhs: ISAExtension) -> Bool { lhs.rawValue < rhs.rawValue }

    package init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
