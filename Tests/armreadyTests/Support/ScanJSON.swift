import Foundation
import Testing

/// Typed access to the parts of a `scan --report json` document the tests look at
/// (docs/json-schema.md is the contract), read through `JSONSerialization` so the tests do not
/// share decoding code with the tool.
struct ScanJSON {
    let root: [String: Any]

    init(_ root: [String: Any]) {
        self.root = root
    }

    init(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
        root = try result.json(sourceLocation: sourceLocation)
    }

    var binaries: [[String: Any]] { root["binaries"] as? [[String: Any]] ?? [] }
    var diagnostics: [[String: Any]] { root["diagnostics"] as? [[String: Any]] ?? [] }
    var suppressions: [[String: Any]] { root["suppressions"] as? [[String: Any]] ?? [] }
    var gate: [String: Any]? { root["gate"] as? [String: Any] }
    var baseline: [String: Any]? { root["baseline"] as? [String: Any] }

    /// `path` of every binary, in report order.
    var paths: [String] { binaries.compactMap { $0["path"] as? String } }

    /// `gate.failing`.
    var failing: [String] { gate?["failing"] as? [String] ?? [] }

    /// The binary whose `path` is `path`.
    func binary(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(
            binaries.first { $0["path"] as? String == path }, "no binary \(path) in \(paths)",
            sourceLocation: sourceLocation)
    }

    /// The verdict of the binary at `path`.
    func verdict(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        try binary(path, sourceLocation: sourceLocation)["verdict"] as? String
    }

    /// `diagnostics[].kind`.
    var diagnosticKinds: [String] { diagnostics.compactMap { $0["kind"] as? String } }
}
