import Foundation
import Scanning

/// Renders a finished scan as the JSON contract other tools build on (docs/json-schema.md).
///
/// Sorted keys and pretty printing make the same report give the same bytes; every documented
/// optional member is present, `null` when absent; the output ends with a newline.
package enum ScanJSONRenderer {
    package static func render(_ report: ScanReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(report)
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            // Unreachable for this model: non-finite doubles, the only values JSONEncoder
            // rejects, are made nil when the model is built. Still produce valid JSON that says what happened.
            return
                "{\n  \"error\" : \"could not encode the report\",\n  \"schemaVersion\" : \(report.schemaVersion)\n}\n"
        }
    }
}
