import ArgumentParser
import Scanning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `armready` command: thin wiring from arguments to the library modules.
@main
struct Armready: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "armready",
        abstract: "Tells whether Windows and Linux binaries run on Copilot+ PCs (Windows 11 on Arm).",
        discussion: """
            Reads PE and ELF files directly: architecture (including ARM64EC and ARM64X hybrids \
            and .NET flags), imports, and the instruction-set extensions their code uses.
            """,
        version: ArmreadyVersion.description,
        subcommands: [
            ScanCommand.self, MergeCommand.self, InspectCommand.self, FactsCommand.self, RulesCommand.self,
            BaselineCommand.self,
        ]
    )

    /// ArgumentParser's `main`, with every error a command throws sent through
    /// `ExitStatus.ending(for:)`; parsing errors (usage, 64; help) stay ArgumentParser's.
    static func main() {
        // A reader that goes away (`armready scan | head`) must be a write error (EPIPE) that
        // ends with status 2 and a sentence, not a silent death by SIGPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        if let suggestion = SubcommandSuggestion.message(
            for: Array(CommandLine.arguments.dropFirst()), subcommands: names)
        {
            exitAsArgumentParser(ValidationError(suggestion))
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitAsArgumentParser(error)
        }
        do {
            try command.run()
        } catch let error where !(error is ExitCode) && exitCode(for: error) != ExitCode.failure {
            // ArgumentParser's own: ValidationError (64), CleanExit and the `help` subcommand (0).
            // Everything else it would end with 1, which here means the gate failed.
            exitAsArgumentParser(error)
        } catch {
            let (status, sentence) = ExitStatus.ending(for: error)
            if let sentence { printError("error: \(sentence)") }
            exit(withError: status)
        }
        // Text that went through `print` is still in the stdio buffer; losing it is a failed write too.
        if fflush(nil) != 0 {
            printError("error: \(OutputError(what: nil, destination: .standardOutput, reason: WriteError.fromErrno()))")
            exit(withError: ExitStatus.incomplete)
        }
    }

    /// ArgumentParser's own ending (usage errors 64 on standard error, help and version 0),
    /// except that text for standard output goes through the checked writer: `--help > /dev/full`
    /// is a lost write too.
    private static func exitAsArgumentParser(_ error: any Error) -> Never {
        guard exitCode(for: error) == ExitStatus.passed else { exit(withError: error) }
        let text = fullMessage(for: error)
        do {
            if !text.isEmpty { try StandardOutput.write(lines: [text]) }
        } catch {
            printError("error: \(error)")
            exit(withError: ExitStatus.incomplete)
        }
        exit(withError: ExitStatus.passed)
    }
}

enum ArmreadyVersion {
    /// The release, as reports name the tool's version.
    static let current = "0.1.0"

    /// `--version`: `armready 0.1.0 (commit 3dd40e8, rules 1a2b3c4d)`, the release, the commit
    /// it was built from ("unknown" from a source tarball) and the built-in rules' digest
    /// (`BuiltInRulesDigest`), so a bug report says exactly which build rated what.
    static var description: String {
        "armready \(current) (commit \(BuildInfo.commit), rules \(BuiltInRulesDigest.short))"
    }
}
