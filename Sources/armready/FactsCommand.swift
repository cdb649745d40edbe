import ArgumentParser
import BinaryFormats
import Foundation
import InstructionSets
import Readiness
import Scanning

/// `armready facts FILE...`: the facts rules see for each binary, so rule authors know what
/// is there.
struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Print the facts the rules see for each binary (name = value), with the verdict they lead to.",
        discussion: "Exit status: 0 every file was read, 1 a file could not be read, 2 the rules could not be loaded."
    )

    @Argument(help: "Binaries to describe.", completion: .file())
    var files: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .customLong("no-isa"), help: "Leave out the instruction-set facts (no decoding).")
    var noISA = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: InspectFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one binary.") }
    }

    func run() throws {
        let rules: RuleSet
        let target: TargetProfile
        do {
            (rules, target) = try ruleOptions.load()
        } catch {
            throw fail(error.description)
        }
        var failed = false
        var documents: [FactsDocument.File] = []
        for path in files {
            let described = BinaryReader.withFile(path: path) { result, bytes -> (Facts, Assessment)? in
                guard case let .image(image) = result else {
                    if case let .failed(_, reason) = result { printError("error: \(path): \(reason)") }
                    if case .notBinary = result { printError("error: \(path): not a PE or ELF binary") }
                    return nil
                }
                let profile = noISA ? nil : ISAAnalyzer.profile(image: image, bytes: bytes)
                var facts = FactsBuilder.facts(for: image, isa: profile.map { ISAFacts.facts(for: $0, image: image) } ?? [:])
                for (name, value) in FactsBuilder.fileFacts(path: path) { facts[name] = value }
                return (Evaluator.completeFacts(facts, on: target), Evaluator.evaluate(facts: facts, rules: rules, target: target))
            }
            guard let (facts, assessment) = described else {
                failed = true
                continue
            }
            let rulesFired = assessment.findings.map { "\($0.ruleID) (\($0.verdict.rawValue))" }
            switch format {
            case .text:
                try StandardOutput.write(
                    lines: ["# \(path)"] + facts.lines + [
                        "# verdict: \(assessment.verdict.rawValue), execution: \(assessment.execution.rawValue)",
                        "# rules: \(rulesFired.isEmpty ? "none" : rulesFired.joined(separator: ", "))\n",
                    ])
            case .json:
                documents.append(FactsDocument.File(
                    path: path, facts: facts, verdict: assessment.verdict, execution: assessment.execution,
                    rules: assessment.findings.map(\.ruleID)))
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(FactsDocument(files: documents))) ?? Data()
            try StandardOutput.write(lines: [String(decoding: data, as: UTF8.self)])
        }
        if failed { throw ExitStatus.unreadableInput }
    }
}

/// `facts --format json`: `{"schemaVersion": 1, "files": [{path, facts, verdict, execution, rules}]}`.
struct FactsDocument: Encodable {
    struct File: Encodable {
        var path: String
        var facts: Facts
        var verdict: Verdict
        var execution: Execution
        var rules: [String]
    }

    var schemaVersion = 1
    var files: [File]
}
