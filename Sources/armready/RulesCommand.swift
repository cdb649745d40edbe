import ArgumentParser
import Foundation
import Readiness
import Reporting

/// `armready rules list|show|validate|test|targets`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show, validate and test rules and target profiles.",
        subcommands: [List.self, Show.self, Validate.self, Test.self, Targets.self, FactList.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the active rules (built-in and from --rules folders).")

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let (rules, _) = try ruleOptions.load()
            let overridden = Set(rules.overrides.map(\.id))
            let width = rules.rules.map(\.id.count).max() ?? 0
            var lines = rules.rules.sorted(by: { $0.id < $1.id }).map { rule in
                let origin = overridden.contains(rule.id) ? "  (overrides the built-in rule)" : ""
                return
                    "\(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(rule.verdict.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(rule.title)\(origin)"
            }
            lines += rules.disabled.sorted().map { "\($0)  (disabled)" }
            try StandardOutput.write(lines: lines)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one rule's file.")

        @Argument(help: "The rule id.")
        var id: String

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let (rules, _) = try ruleOptions.load()
            guard let rule = rules.rules.first(where: { $0.id == id }) else {
                throw fail("no rule with id '\(id)'")
            }
            let text: String
            if let embedded = EmbeddedRules.files.first(where: { $0.path == rule.source }) {
                text = embedded.contents
            } else if let file = try? String(contentsOfFile: rule.source, encoding: .utf8) {
                text = file
            } else {
                throw fail("cannot read \(rule.source)")
            }
            try StandardOutput.write(text.hasSuffix("\n") ? text : text + "\n")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a folder of rules (and targets/) strictly, examples included.",
            discussion: "Exit status: 0 valid, 1 invalid (the first error is printed as file:line: sentence).")

        @Argument(help: "The rule folder.")
        var directory: String

        func run() throws {
            let rules: RuleSet
            do {
                rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [directory], disabled: [])
                _ = try TargetProfile.load(name: nil, userDirectories: [directory])
            } catch {
                // Here invalid rules are the answer (1), not an incomplete run (2).
                throw CommandFailure.checkFailed(error.description)
            }
            let own = rules.rules.filter { !$0.source.hasPrefix("Rules/") }
            try StandardOutput.write(
                lines: ["\(directory): \(own.count) rule\(own.count == 1 ? "" : "s") valid"]
                    + rules.overrides.map { "\($0.source): overrides the built-in rule \($0.id)" })
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples (built-in and the folder's) on a target.",
            discussion: "Exit status: 0 every example behaved, 1 an example failed or a rule did not load.")

        @Argument(help: "A rule folder (omit to test only the built-in rules).")
        var directory: String?

        @Option(name: .long, help: "Target profile to test on.")
        var target: String?

        func run() throws {
            let rules: RuleSet
            let profile: TargetProfile
            do {
                rules = try RuleSet.load(
                    builtIn: EmbeddedRules.files, userDirectories: directory.map { [$0] } ?? [], disabled: [])
                profile = try TargetProfile.load(name: target, userDirectories: directory.map { [$0] } ?? [])
            } catch {
                throw CommandFailure.checkFailed(error.description)
            }
            var failures = 0
            var examples = 0
            for rule in rules.rules {
                examples += rule.examples.match.count + rule.examples.noMatch.count
                for failure in rule.exampleFailures(on: profile) {
                    failures += 1
                    printError("\(rule.source):\(failure.line): \(failure.message)")
                }
            }
            try StandardOutput.write(lines: [
                "\(Count.of(rules.rules.count, "rule")), \(examples - failures) passed, \(failures) failed"
            ])
            if failures > 0 { throw ExitStatus.checkFailed }
        }
    }

    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the target profiles.")

        @Option(name: .customLong("rules"), help: "Extra rule folders whose targets/ to include.")
        var directories: [String] = []

        func run() throws {
            let lines = try TargetProfile.all(userDirectories: directories).map { profile in
                var marker = profile.name == TargetProfile.defaultName ? " (default)" : ""
                if !profile.source.hasPrefix("Rules/") { marker += " (from \(profile.source))" }
                return "\(profile.name)\(marker): \(profile.description)"
            }
            try StandardOutput.write(lines: lines)
        }
    }
}

extension RulesCommand {
    /// `armready rules facts`: every fact a rule may use, with its type and meaning.
    struct FactList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facts",
            abstract: "List every fact a rule may use, with its type and meaning (a Markdown table).")

        func run() throws {
            try StandardOutput.write(FactCatalog.markdownTable)
        }
    }
}
