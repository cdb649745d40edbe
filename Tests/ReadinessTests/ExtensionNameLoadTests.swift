import Foundation
import Testing

@testable import Readiness

/// A rule or target profile naming an instruction-set extension that no decoder reports and no
/// CPU lists fails to load at the name's line, instead of silently never matching.
@Suite struct ExtensionNameLoadTests {
    private func rule(when: String, match: String = "{machine: 0x8664}", noMatch: String = "{machine: 0xAA64}")
        -> String
    {
        TestSupport.ruleText(id: "foo", when: when, match: match, noMatch: noMatch)
    }

    @Test func unknownX86ExtensionInConditionOperand() {
        // Line 4 is the rule's `when:` line (ruleText: id, title, verdict, when).
        let text = rule(when: "{fact: isa.x86, any_of: [avx2, avx3]}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:4: unknown x86 extension 'avx3'")
    }

    @Test func unknownARM64ExtensionInContains() {
        let text = rule(when: "{fact: isa.arm64.dispatched, contains: sve3}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:4: unknown arm64 extension 'sve3'")
    }

    @Test func extensionOfTheOtherArchitectureIsUnknown() {
        let text = rule(when: "{fact: isa.x86, any_of: [sve2]}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:4: unknown x86 extension 'sve2'")
    }

    @Test func unknownExtensionInExampleValue() {
        // Line 9 is the single `match` example.
        let text = rule(
            when: "{fact: isa.x86, any_of: [avx2]}", match: "{isa.x86: [avx2, avx3]}", noMatch: "{isa.x86: [sse2]}")
        #expect(TestSupport.loadError(text) == "Rules/foo.yaml:9: unknown x86 extension 'avx3'")
    }

    @Test func knownNamesLoad() {
        let text = rule(
            when: "{fact: isa.x86, any_of: [avx2, sse4.1, avx512f]}",
            match: "{isa.x86: [avx2], isa.x86.dispatch: true}",
            noMatch: "{isa.x86: [sse2], target.arm64_isa: [lse, sve2]}")
        #expect(TestSupport.loadError(text) == nil)
    }

    @Test func unknownExtensionInTargetProfile() throws {
        let builtIn = try #require(TestSupport.embedded("Rules/targets/copilot-plus-pc.yaml"))
        let text = builtIn.contents.replacingOccurrences(of: "arm64_isa: [base,", with: "arm64_isa: [base, sve3,")
        let lines = text.components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("sve3") }) + 1
        let file = EmbeddedFile(path: "Rules/targets/copilot-plus-pc.yaml", contents: text)
        do {
            _ = try TargetProfile.builtIn([file])
            Issue.record("a target listing sve3 loaded")
        } catch {
            #expect(error.description == "Rules/targets/copilot-plus-pc.yaml:\(line): unknown arm64 extension 'sve3'")
        }
    }

    @Test func everyBuiltInRuleAndTargetLoads() throws {
        #expect(try !RuleSet.load().rules.isEmpty)
        #expect(try TargetProfile.builtIn().count == 3)
    }
}
