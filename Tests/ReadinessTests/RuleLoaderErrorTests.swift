import Foundation
import Testing

@testable import Readiness

/// A broken rule file fails to load with `file:line` and the offending key or name.
@Suite struct RuleLoaderErrorTests {
    private let valid = TestSupport.ruleText(
        id: "foo", when: "{fact: machine, equals: 0x8664}",
        match: "{machine: 0x8664}", noMatch: "{machine: 0xAA64}")

    @Test func validRuleLoads() {
        #expect(TestSupport.loadError(valid) == nil)
    }

    @Test func unknownKeyNamesFileLineAndKey() throws {
        let text = valid.replacingOccurrences(of: "when:", with: "wehn:")
        let message = try #require(TestSupport.loadError(text))
        #expect(message.hasPrefix("Rules/foo.yaml:4: unknown key 'wehn' in rule (expected one of: version, id, title"))
    }

    @Test func unknownFactInCondition() {
        let text = valid.replacingOccurrences(of: "{fact: machine,", with: "{fact: machin,")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:4: unknown fact 'machin'")
    }

    @Test func unknownFactInExample() {
        let text = valid.replacingOccurrences(of: "- {machine: 0xAA64}", with: "- {machine: 0xAA64, bitz: 64}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:11: unknown fact 'bitz'")
    }

    @Test func badOperator() throws {
        let text = valid.replacingOccurrences(of: "equals: 0x8664}", with: "equal: 0x8664}")
        let message = try #require(TestSupport.loadError(text))
        #expect(
            message.hasPrefix("Rules/foo.yaml:4: unknown operator 'equal' (expected one of: equals, not_equals, in,"))
    }

    @Test func operandOfWrongType() {
        let text = valid.replacingOccurrences(of: "equals: 0x8664}", with: "equals: amd64}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:4: 'equals' must be an integer, not 'amd64'")
    }

    @Test func setOperatorOnScalarFact() throws {
        let text = valid.replacingOccurrences(of: "equals: 0x8664}", with: "any_of: [1, 2]}")
        let message = try #require(TestSupport.loadError(text))
        #expect(message.hasPrefix("Rules/foo.yaml:4: 'any_of' needs a list fact; 'machine' is int"))
    }

    @Test func idMustMatchFileName() {
        #expect(
            TestSupport.loadError(valid, name: "bar.yaml")
                == "Rules/bar.yaml:1: rule id 'foo' does not match the file name 'bar.yaml'")
    }

    @Test func duplicateIDWithinOneSource() {
        let files = [
            EmbeddedFile(path: "Rules/foo.yaml", contents: valid),
            EmbeddedFile(path: "Rules/foo.yml", contents: valid),
        ]
        #expect(
            throws: ReadinessError.duplicateRule(id: "foo", file: "Rules/foo.yml", line: 1, firstFile: "Rules/foo.yaml")
        ) {
            try RuleSet.parse(files)
        }
        let message = ReadinessError.duplicateRule(
            id: "foo", file: "Rules/foo.yml", line: 1, firstFile: "Rules/foo.yaml"
        ).description
        #expect(message == "Rules/foo.yml:1: duplicate rule id 'foo' (already defined in Rules/foo.yaml)")
    }

    @Test func badYAMLNamesLine() throws {
        let text = valid.replacingOccurrences(of: "title: Test rule", with: "title: [unclosed")
        let message = try #require(TestSupport.loadError(text))
        #expect(message.hasPrefix("Rules/foo.yaml:3: invalid YAML:"), "\(message)")
    }

    @Test func duplicatedKeyInMapping() throws {
        let text = valid.replacingOccurrences(of: "title: Test rule", with: "title: Test rule\ntitle: Again")
        let message = try #require(TestSupport.loadError(text))
        #expect(message.hasPrefix("Rules/foo.yaml:"), "\(message)")
        #expect(message.contains("duplicate key 'title'"), "\(message)")
    }

    @Test func unknownPlaceholder() {
        let text = valid.replacingOccurrences(of: "Found {machine.hex}.", with: "Found {machine.hexx}.")
        #expect(
            TestSupport.loadError(text)
                == "Rules/foo.yaml:5: message: unknown placeholder '{machine.hexx}' (not a known fact)")
    }

    @Test func missingRequiredKey() {
        let text = valid.replacingOccurrences(of: "remediation: Do something.\n", with: "")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:1: rule is missing the required key 'remediation'")
    }

    @Test func badVerdict() throws {
        let text = valid.replacingOccurrences(of: "verdict: blocked", with: "verdict: broken")
        let message = try #require(TestSupport.loadError(text))
        #expect(
            message
                == "Rules/foo.yaml:3: 'verdict' must be one of: native, emulated, at-risk, blocked, unknown (found 'broken')"
        )
    }

    @Test func mediumConfidenceMustSaySo() throws {
        let text = valid.replacingOccurrences(of: "verdict: blocked", with: "verdict: blocked\nconfidence: medium")
        let message = try #require(TestSupport.loadError(text))
        #expect(message == "Rules/foo.yaml:6: a medium-confidence rule must say 'medium confidence' in its message")
    }

    @Test func emptyExamplesListIsAnError() {
        let text = valid.replacingOccurrences(of: "  no_match:\n    - {machine: 0xAA64}", with: "  no_match: []")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:10: examples need at least one 'no_match' entry")
    }

    @Test func unsupportedVersion() {
        #expect(
            TestSupport.loadError("version: 2\n" + valid)
                == "Rules/foo.yaml:1: unsupported rule format version '2' (this armready reads version 1)")
    }
}
