import Foundation

/// One JSON report given to `armready merge`, read back into the report model.
package struct MergeSource: Sendable {
    /// The file as given.
    package var file: String
    /// The folder its paths go under in the merged report; nil merges it as a shard.
    package var label: String?
    package var report: ScanReport

    package init(file: String, label: String?, report: ScanReport) {
        self.file = file
        self.label = label
        self.report = report
    }

    /// Reads and decodes the JSON report at `file`.
    /// - Throws: `ScanError.unreadableFile` when it cannot be read or is not an armready JSON
    ///   report of the contract version this armready writes.
    package static func load(file: String, label: String?) throws(ScanError) -> MergeSource {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file), options: .mappedIfSafe)
        } catch {
            throw .unreadableFile(path: file, reason: "cannot read the report (\(error.localizedDescription))")
        }
        // The contract version first, so a newer report is refused for what it is rather
        // than for the first member that changed.
        struct Version: Decodable { var schemaVersion: Int }
        guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
            throw .unreadableFile(path: file, reason: "not an armready JSON report (`--report json`)")
        }
        guard version.schemaVersion == ScanReport.currentSchemaVersion else {
            throw .unreadableFile(
                path: file,
                reason:
                    "the report has schemaVersion \(version.schemaVersion); this armready merges schemaVersion \(ScanReport.currentSchemaVersion)"
            )
        }
        do {
            return MergeSource(file: file, label: label, report: try JSONDecoder().decode(ScanReport.self, from: data))
        } catch {
            throw .unreadableFile(path: file, reason: "not an armready JSON report: \(Self.describe(error))")
        }
    }

    /// A decoding error in one line: what was wrong and where.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        }
        switch error {
        case let .keyNotFound(key, context): return at(context) + " (missing \(key.stringValue))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return at(context)
        @unknown default: return String(describing: error)
        }
    }
}
