import Foundation

/// Renders `inspect` output as JSON: sorted keys, so the same input gives the same bytes.
package enum InspectJSONRenderer {
    package static func render(_ document: InspectDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(document)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
