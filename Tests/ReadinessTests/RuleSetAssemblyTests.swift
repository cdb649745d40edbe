import Foundation
import Testing

@testable import Readiness

/// User rule folders override built-ins by id, `--disable` switches rules off, and user
/// target profiles are data like the built-in ones.
@Suite struct RuleSetAssemblyTests {
    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func userRuleOverridesBuiltInByID() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = TestSupport.ruleText(
            id: "pe-x64-emulated", verdict: "at-risk", when: "{fact: machine, equals: 0x8664}",
            match: "{machine: 0x8664}", noMatch: "{machine: 0xAA64}")
        let path = folder.appendingPathComponent("pe-x64-emulated.yaml")
        try write(text, to: path)
        let set = try RuleSet.load(userDirectories: [folder.path])
        #expect(
            set.overrides == [
                RuleSet.Override(id: "pe-x64-emulated", source: path.path, replaced: "Rules/pe-x64-emulated.yaml")
            ])
        let rule = try #require(set.rules.first { $0.id == "pe-x64-emulated" })
        #expect(rule.verdict == .atRisk)
        #expect(set.rules.count == TestSupport.builtInRulePaths.count)
    }

    @Test func userRuleWithFailingExampleIsALoadError() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = TestSupport.ruleText(
            id: "mine", when: "{fact: machine, equals: 0x8664}", match: "{machine: 0xAA64}", noMatch: "{machine: 0x14C}"
        )
        let path = folder.appendingPathComponent("mine.yaml")
        try write(text, to: path)
        #expect(
            throws: ReadinessError.invalid(
                file: path.path, line: 9, message: "mine: 'match' example does not fire the rule")
        ) {
            try RuleSet.load(userDirectories: [folder.path])
        }
    }

    @Test func disableSwitchesRuleOff() throws {
        let set = try RuleSet.load(disabled: ["pe-x64-emulated"])
        #expect(!set.rules.contains { $0.id == "pe-x64-emulated" })
        #expect(set.disabled == ["pe-x64-emulated"])
        #expect(throws: ReadinessError.self) { try RuleSet.load(disabled: ["no-such-rule"]) }
    }

    @Test func missingUserFolderIsAnError() {
        #expect(throws: ReadinessError.unreadable(path: "/nonexistent/armready-rules", reason: "not a folder")) {
            try RuleSet.load(userDirectories: ["/nonexistent/armready-rules"])
        }
    }

    @Test func userTargetProfileIsLoadedByName() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builtIn = try #require(TestSupport.embedded("Rules/targets/copilot-plus-pc.yaml"))
        let text = builtIn.contents
            .replacingOccurrences(of: "name: copilot-plus-pc", with: "name: lab-box")
            .replacingOccurrences(of: "wsl_x86_64_emulation: false", with: "wsl_x86_64_emulation: true")
        try write(text, to: folder.appendingPathComponent("targets/lab-box.yaml"))
        let profile = try TargetProfile.load(name: "lab-box", userDirectories: [folder.path])
        #expect(profile.facts["target.wsl_x86_64_emulation"] == .bool(true))
        #expect(throws: ReadinessError.self) { try TargetProfile.load(name: "lab-box") }
    }

    @Test func profileWithUnknownFactIsRejected() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builtIn = try #require(TestSupport.embedded("Rules/targets/copilot-plus-pc.yaml"))
        let text = builtIn.contents
            .replacingOccurrences(of: "name: copilot-plus-pc", with: "name: typo")
            .replacingOccurrences(of: "  arm32: false", with: "  arm23: false")
        let path = folder.appendingPathComponent("targets/typo.yaml")
        try write(text, to: path)
        do {
            _ = try TargetProfile.load(name: "typo", userDirectories: [folder.path])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description.hasPrefix("\(path.path):11: unknown key 'arm23' in target facts"),
                "\(error.description)")
        }
    }
}
