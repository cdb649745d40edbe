import Foundation
import Testing

@testable import Readiness

/// Every built-in rule loads, cites its source, and behaves as its own examples say.
@Suite struct BuiltInRuleTests {
    @Test func builtInRulesExist() {
        #expect(TestSupport.builtInRulePaths.count >= 28)
    }

    @Test(arguments: TestSupport.builtInRulePaths)
    func examplesBehaveAsDeclared(path: String) throws {
        let file = try #require(TestSupport.embedded(path))
        let rules = try RuleSet.parse([file])
        let rule = try #require(rules.first)
        let target = try TargetProfile.load()
        #expect(!rule.examples.match.isEmpty, "\(path) needs a matching example")
        #expect(!rule.examples.noMatch.isEmpty, "\(path) needs a non-matching example")
        let failures = rule.exampleFailures(on: target)
        #expect(failures.isEmpty, "\(failures.map { "\(path):\($0.line): \($0.message)" })")
    }

    @Test(arguments: TestSupport.builtInRulePaths)
    func citesWindowsOnArmSource(path: String) throws {
        let file = try #require(TestSupport.embedded(path))
        let rule = try #require(try RuleSet.parse([file]).first)
        #expect(!rule.references.isEmpty)
        for reference in rule.references {
            #expect(reference.title.range(of: #"\[S\d+\]"#, options: .regularExpression) != nil, "\(reference.title)")
            #expect(reference.url.hasPrefix("https://"))
        }
    }

    @Test func builtInSetAndTargetsLoad() throws {
        let set = try RuleSet.load()
        #expect(set.rules.count == TestSupport.builtInRulePaths.count)
        #expect(set.overrides.isEmpty)
        let names = try TargetProfile.builtIn().map(\.name)
        #expect(names == ["copilot-plus-pc", "snapdragon-x2", "windows-arm64-23h2"])
        #expect(try TargetProfile.load().name == TargetProfile.defaultName)
    }

    @Test func everyCatalogTargetFactIsSetByEachProfile() throws {
        let targetFacts = FactCatalog.entries.map(\.name).filter { $0.hasPrefix("target.") }
        for profile in try TargetProfile.builtIn() {
            for name in targetFacts {
                #expect(profile.facts[name] != nil, "\(profile.name) lacks \(name)")
            }
        }
    }
}
