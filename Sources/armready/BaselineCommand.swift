import ArgumentParser
import Readiness
import Reporting
import Scanning

/// `armready baseline write FILE PATH...`: record today's verdicts for `scan --baseline`.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record verdicts so later scans fail only on new or worse binaries.",
        subcommands: [Write.self]
    )

    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Scan the paths and write their verdicts to FILE.",
            discussion: "Exit status: 0 written, 2 the scan or the write failed."
        )

        @Argument(help: "The baseline file to write.")
        var file: String

        @OptionGroup var input: ScanInputOptions

        func run() throws {
            // Errors go to `Armready.main`, which maps each to its exit status (ExitStatus.ending(for:)).
            let report = try Scanner.scan(try ScanOptions(resolving: input.request()))
            do {
                try FileDescriptorWriter.writeAtomically(Baseline(report: report).encoded(), to: file)
            } catch {
                throw OutputError(what: nil, destination: .file(file), reason: error)
            }
            printError("wrote \(Count.of(report.binaries.count, "binary", "binaries")) to \(file)")
        }
    }
}
