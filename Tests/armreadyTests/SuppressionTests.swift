import Foundation
import Testing

/// Suppressions in `armready.yml` at the scan root (README, "Configuration"): one with a reason
/// takes its finding out of the gate but keeps it in the report; an expired one stops applying
/// and says so; one without a reason is a configuration error (exit 2, `file:line`).
///
/// ShellExt's `contextmenu.dll` is an x64 in-process COM server (it exports DllGetClassObject,
/// per pefile in Samples/expected.json), so `com-server-not-arm64` (at-risk) fires on it.
@Suite("armready: suppressions")
struct SuppressionTests {
    private func shellExtTree(config: String) throws -> TemporaryTree {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("ShellExt"), to: "ShellExt")
        try tree.write(config, to: "armready.yml")
        return tree
    }

    private func config(expires: String?) -> String {
        """
        version: 1
        suppressions:
          - rule: com-server-not-arm64
            binary: "ShellExt/*.dll"
            reason: "Arm64 build ships in 2.4; tracked in #123"
        \(expires.map { "    expires: \($0)\n" } ?? "")
        """
    }

    private func comFinding(_ report: ScanJSON) throws -> [String: Any] {
        let findings = try #require(try report.binary("ShellExt/contextmenu.dll")["findings"] as? [[String: Any]])
        return try #require(findings.first { $0["rule"] as? String == "com-server-not-arm64" }, "\(findings)")
    }

    @Test func suppressionWithReasonPassesTheGateAndStaysInTheReport() throws {
        let tree = try shellExtTree(config: config(expires: nil))
        let result = try Armready.run(["scan", ".", "--fail-on", "at-risk", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.failing.isEmpty)
        let suppression = try #require(try comFinding(report)["suppression"] as? [String: Any])
        #expect(suppression["reason"] as? String == "Arm64 build ships in 2.4; tracked in #123")
        #expect(suppression["expires"] is NSNull)
        let configured = try #require(report.suppressions.first)
        #expect(configured["expired"] as? Bool == false)
        #expect(configured["matched"] as? Int == 1)
    }

    @Test func futureExpiryStillApplies() throws {
        let tree = try shellExtTree(config: config(expires: "2999-12-31"))
        let result = try Armready.run(["scan", ".", "--fail-on", "at-risk", "--report", "json"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        let suppression = try #require(try comFinding(ScanJSON(result))["suppression"] as? [String: Any])
        #expect(suppression["expires"] as? String == "2999-12-31")
    }

    @Test func expiredSuppressionNoLongerApplies() throws {
        let tree = try shellExtTree(config: config(expires: "2000-01-01"))
        let result = try Armready.run(["scan", ".", "--fail-on", "at-risk", "--report", "json"], in: tree.url)
        #expect(result.status == 1, "\(result.stderr)")
        let report = try ScanJSON(result)
        #expect(report.failing == ["ShellExt/contextmenu.dll"])
        let configured = try #require(report.suppressions.first)
        #expect(configured["expired"] as? Bool == true)
        #expect(configured["expires"] as? String == "2000-01-01")
        #expect(configured["matched"] as? Int == 0)
        #expect(try comFinding(report)["suppression"] is NSNull)
    }

    /// A table-only scan skips hashing (README, "Performance"), but a suppression that names a
    /// binary by SHA-256 still needs the digest: it must match as it does in a JSON scan. The
    /// digest comes from `sha256sum`.
    @Test func sha256SuppressionAppliesInATableOnlyScan() throws {
        let tree = try shellExtTree(config: "version: 1\n")
        let digest = try Self.sha256sum(tree.url.appendingPathComponent("ShellExt/contextmenu.dll").path)
        try tree.write(
            """
            version: 1
            suppressions:
              - rule: com-server-not-arm64
                binary: "\(digest.uppercased())"
                reason: "vendor confirmed an Arm64 build"

            """, to: "armready.yml")
        let table = try Armready.run(["scan", ".", "--fail-on", "at-risk", "--report", "table"], in: tree.url)
        #expect(table.status == 0, "\(table.stdout)\(table.stderr)")
        let json = try Armready.run(["scan", ".", "--fail-on", "at-risk", "--report", "json"], in: tree.url)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try ScanJSON(json).binary("ShellExt/contextmenu.dll")["sha256"] as? String == digest)
    }

    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test func suppressionWithoutReasonIsAConfigurationError() throws {
        let text = """
            version: 1
            suppressions:
              - rule: com-server-not-arm64
                binary: "ShellExt/*.dll"

            """
        let tree = try shellExtTree(config: text)
        let result = try Armready.run(["scan", ".", "--fail-on", "at-risk"], in: tree.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The item starts on line 3; the message names the file, that line and the missing key.
        let line = try #require(result.stderr.split(separator: "\n").first.map(String.init))
        #expect(line.hasPrefix("error: "), "\(line)")
        #expect(line.contains("armready.yml:3: "), "\(line)")
        #expect(line.contains("reason"), "\(line)")
    }
}
