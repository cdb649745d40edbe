import Foundation
import Testing

/// The help text and the usage-error contract: help and `--version` exit 0 on standard output;
/// any argument the parser rejects exits 64 with `Error: …` on standard error and nothing on
/// standard output (README, "The CI gate and exit status").
@Suite("armready: help and usage errors")
struct HelpAndUsageTests {
    /// Help wraps lines at the terminal width; compare with runs of white space collapsed.
    private func flattened(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func topLevelHelpListsEverySubcommand() throws {
        let result = try Armready.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("USAGE: armready <subcommand>"))
        let subcommands = try #require(result.stdout.components(separatedBy: "SUBCOMMANDS:").last)
        for name in ["scan", "inspect", "facts", "rules", "baseline"] {
            #expect(subcommands.contains("\n  \(name) "), "\(name) missing from:\n\(subcommands)")
        }
    }

    @Test func scanHelpDocumentsExitStatusesAndTheGate() throws {
        let result = try Armready.run(["scan", "--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let text = flattened(result.stdout)
        #expect(text.contains("USAGE: armready scan"))
        #expect(text.contains("Exit status: 0 the gate passed, 1 the gate failed, 2 the scan could not be completed"))
        #expect(text.contains("64 usage error"))
        #expect(text.contains("--fail-on <fail-on>"))
        #expect(text.contains("emulated, at-risk or blocked"))
        #expect(text.contains("--fail-on-unknown"))
        #expect(text.contains("--report <format[=file]>"))
        #expect(text.contains("--baseline <baseline>"))
    }

    @Test func helpSubcommandMatchesDashDashHelp() throws {
        let viaHelp = try Armready.run(["help", "scan"])
        let viaFlag = try Armready.run(["scan", "--help"])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout == viaFlag.stdout)
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try Armready.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // One line: `armready 0.1.0 (commit …, rules …)` (CommandLineConventionTests checks the rest).
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("armready 0.1.0 (commit "), "\(result.stdout)")
    }

    /// Each argument list the parser must reject, and a phrase its message must contain.
    static let usageErrors: [([String], String)] = [
        (["scan", "--bogus", "."], "Unknown option '--bogus'"),
        (["scan", "--fail-on", "maybe", "."], "'maybe'"),
        (["scan", "--markdown-max-bytes", "10"], "--markdown-max-bytes must be at least"),
        (["scan", "--report", "json", "--report", "sarif", "."], "Only one --report can go to standard output"),
        (["scan", "--report", "pdf", "."], "'pdf'"),
        (["scan", "--jobs", "0", "."], "--jobs must be at least 1"),
        (["inspect"], "Error:"),
        (["frobnicate"], "Error:"),
    ]

    @Test(arguments: usageErrors)
    func usageErrorsExit64(arguments: [String], phrase: String) throws {
        let result = try Armready.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(result.stderr.contains(phrase), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: armready"), "\(result.stderr)")
    }

    @Test func failOnRejectsValuesOutsideTheGateLevels() throws {
        let result = try Armready.run(["scan", "--fail-on", "native", "."])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'native'"))
    }
}
