import ArgumentParser
import Foundation
import InstructionSets
import Readiness
import Scanning

/// `armready facts PATH...`: the facts the rules saw for each binary — exactly what `scan`
/// rated, package entries and the application's `app.*` facts included — so rule authors know
/// what is there.
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Print the facts the rules see for each binary (name = value), with the verdict they lead to.",
        discussion: """
            Each path is scanned as `armready scan PATH` would scan it (a folder, a package and \
            the binaries in them; armready.yml in a scanned folder applies), and every binary's \
            facts are printed with its verdict, the rules that fired and the executables that load it.

            Exit status: 0 every file was read, 1 a file could not be read, 2 the rules could not be loaded.
            """
    )

    @Argument(help: "Binaries, packages or folders to describe.", completion: .file())
    var paths: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .customLong("no-isa"), help: "Leave out the instruction-set facts (no decoding).")
    var noISA = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: InspectFormat = .text

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one binary.") }
    }

    func run() throws {
        var failed = false
        var files: [FactsDocument.File] = []
        for path in paths {
            var request = ScanRequest(
                paths: [path], isaMaxBytes: ISAOptions().maxDecodedBytes, today: Timestamp.today(),
                toolVersion: ArmreadyVersion.current, executableFingerprint: { ArmreadyVersion.current })
            request.target = ruleOptions.target
            request.ruleDirectories = ruleOptions.ruleDirectories
            request.disabled = ruleOptions.disabled
            request.noISA = noISA
            let options = try ScanOptions(resolving: request)
            let report: ScanReport
            let binaries: [AssessedBinary]
            do {
                (report, binaries) = try Scanner.scanWithFacts(options)
            } catch {
                // A path that cannot be walked: say why and go on with the others.
                if case .noRoots(let details) = error {
                    details.forEach { printError("error: \($0)") }
                } else {
                    printError("error: \(error)")
                }
                failed = true
                continue
            }
            for diagnostic in report.diagnostics { printError("error: \(path): \(diagnostic.message)") }
            if binaries.isEmpty && report.diagnostics.isEmpty { printError("error: \(path): not a PE or ELF binary") }
            failed = failed || binaries.isEmpty || !report.diagnostics.isEmpty
            for binary in binaries {
                let shownPath = Self.shownPath(binary.path, root: path)
                if binary.facts.values.isEmpty {
                    printError("error: \(shownPath): \(binary.assessment.reason ?? "could not be read")")
                    failed = true
                    continue
                }
                files.append(
                    FactsDocument.File(shownPath, binary, target: options.target) { Self.shownPath($0, root: path) })
            }
        }
        switch format {
        case .text: try StandardOutput.write(files.map(\.text).joined(separator: "\n"))
        case .json: try StandardOutput.write(lines: [FactsDocument(files: files).encoded()])
        }
        if failed { throw ExitStatus.unreadableInput }
    }

    /// A report path as the person typed its root: `dir/sub/x.dll` for a folder root, the root
    /// itself for a file, `dir/pkg.whl!/x.pyd` for an entry of a package given as a file.
    static func shownPath(_ reportPath: String, root: String) -> String {
        var isDirectory: ObjCBool = false
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue {
            return trimmed + "/" + reportPath
        }
        guard let entry = reportPath.firstRange(of: "!/") else { return trimmed }
        return trimmed + reportPath[entry.lowerBound...]
    }
}
