import ArgumentParser
import Foundation
import Readiness

/// `armready rules list|show|validate|test|targets`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show, validate and test rules and target profiles.",
        subcommands: [List.self, Show.self, Validate.self, Test.self, Targets.self, FactList.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the active rules (built-in and from --rules folders).")

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let (rules, _) = try loadOrFail(ruleOptions)
            let overridden = Set(rules.overrides.map(\.id))
            let width = rules.rules.map(\.id.count).max() ?? 0
            for rule in rules.rules.sorted(by: { $0.id < $1.id }) {
                let origin = overridden.contains(rule.id) ? "  (overrides the built-in rule)" : ""
                print("\(rule.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(rule.verdict.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(rule.title)\(origin)")
            }
            for id in rules.disabled.sorted() { print("\(id)  (disabled)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one rule's file.")

        @Argument(help: "The rule id.")
        var id: String

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let (rules, _) = try loadOrFail(ruleOptions)
            guard let rule = rules.rules.first(where: { $0.id == id }) else {
                throw fail("no rule with id '\(id)'")
            }
            if let embedded = EmbeddedRules.files.first(where: { $0.path == rule.source }) {
                print(embedded.contents, terminator: embedded.contents.hasSuffix("\n") ? "" : "\n")
            } else if let text = try? String(contentsOfFile: rule.source, encoding: .utf8) {
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            } else {
                throw fail("cannot read \(rule.source)")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a folder of rules (and targets/) strictly, examples included.",
            discussion: "Exit status: 0 valid, 1 invalid (the first error is printed as file:line: sentence).")

        @Argument(help: "The rule folder.")
        var directory: String

        func run() throws {
            do {
                let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [directory], disabled: [])
                _ = try TargetProfile.load(name: nil, userDirectories: [directory])
                let own = rules.rules.filter { !$0.source.hasPrefix("Rules/") }
                print("\(directory): \(own.count) rule\(own.count == 1 ? "" : "s") valid")
                for override in rules.overrides { print("\(override.source): overrides the built-in rule \(override.id)") }
            } catch {
                printError("error: \(error.description)")
                throw ExitCode(1)
            }
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
                rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: directory.map { [$0] } ?? [], disabled: [])
                profile = try TargetProfile.load(name: target, userDirectories: directory.map { [$0] } ?? [])
            } catch {
                printError("error: \(error.description)")
                throw ExitCode(1)
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
            print("\(rules.rules.count) rules, \(examples - failures) passed, \(failures) failed")
            if failures > 0 { throw ExitCode(1) }
        }
    }

    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the target profiles.")

        @Option(name: .customLong("rules"), help: "Extra rule folders whose targets/ to include.")
        var directories: [String] = []

        func run() throws {
            do {
                for profile in try TargetProfile.all(userDirectories: directories) {
                    var marker = profile.name == TargetProfile.defaultName ? " (default)" : ""
                    if !profile.source.hasPrefix("Rules/") { marker += " (from \(profile.source))" }
                    print("\(profile.name)\(marker): \(profile.description)")
                }
            } catch {
                throw fail(error.description)
            }
        }
    }
}

extension RulesCommand {
    /// `armready rules facts`: every fact a rule may use, with its type and meaning.
    struct FactList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facts", abstract: "List every fact a rule may use, with its type and meaning (a Markdown table).")

        func run() throws {
            print(FactCatalog.markdownTable, terminator: "")
        }
    }
}

private func loadOrFail(_ options: RuleOptions) throws -> (RuleSet, TargetProfile) {
    do {
        return try options.load()
    } catch {
        throw fail(error.description)
    }
}
