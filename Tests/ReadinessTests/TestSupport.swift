import Foundation

@testable import Readiness

/// Shared helpers for the Readiness tests.
enum TestSupport {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The embedded built-in rule files (`Rules/*.yaml`), by path.
    static let builtInRulePaths: [String] = EmbeddedRules.files
        .filter { $0.path.hasPrefix("Rules/") && !$0.path.hasPrefix("Rules/targets/") && $0.path.hasSuffix(".yaml") }
        .map(\.path)

    /// The embedded file at `path`.
    static func embedded(_ path: String) -> EmbeddedFile? {
        EmbeddedRules.files.first { $0.path == path }
    }

    /// Loads one rule from text as if it were `Rules/<name>`; returns the error text or nil.
    static func loadError(_ text: String, name: String = "foo.yaml") -> String? {
        do {
            _ = try RuleSet.parse([EmbeddedFile(path: "Rules/\(name)", contents: text)])
            return nil
        } catch {
            return error.description
        }
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("armready-readiness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A minimal valid rule text with the given id and `when`.
    static func ruleText(id: String, verdict: String = "blocked", when: String, match: String, noMatch: String)
        -> String
    {
        """
        id: \(id)
        title: Test rule
        verdict: \(verdict)
        when: \(when)
        message: Found {machine.hex}.
        remediation: Do something.
        examples:
          match:
            - \(match)
          no_match:
            - \(noMatch)
        """
    }
}
