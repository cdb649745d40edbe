import Readiness
import Testing
@testable import Scanning

@Suite("Scan configuration (armready.yml)")
struct ScanConfigurationTests {
    @Test func readsEveryKey() throws {
        let text = """
            version: 1
            target: windows-arm64-23h2
            fail-on: at-risk
            fail-on-unknown: true
            rules: [more-rules, /abs/rules]
            disable: [x64-avx-emulated]
            exclude: ["*.pdb"]
            follow-symlinks: yes
            isa: false
            max-file-size: 1048576
            suppressions:
              - rule: com-server-not-arm64
                binary: "ShellExt/*.dll"
                reason: Arm64 build ships in 2.4
                expires: 2027-03-31
            """
        let config = try ScanConfiguration.parse(text, file: "ci/armready.yml")
        #expect(config.target == "windows-arm64-23h2")
        #expect(config.failOn == .atRisk)
        #expect(config.failOnUnknown == true)
        #expect(config.rules == ["ci/more-rules", "/abs/rules"])
        #expect(config.disable == ["x64-avx-emulated"])
        #expect(config.exclude == ["*.pdb"])
        #expect(config.followSymlinks == true)
        #expect(config.isa == false)
        #expect(config.maxFileSize == 1_048_576)
        #expect(
            config.suppressions == [
                Suppression(
                    rule: "com-server-not-arm64", binary: "ShellExt/*.dll", reason: "Arm64 build ships in 2.4",
                    expires: "2027-03-31", line: 12)
            ])
    }

    @Test(arguments: [
        (
            "version: 1\ntraget: x\n",
            "armready.yml:2: unknown key 'traget' in configuration (expected one of: version, target, fail-on, fail-on-unknown, rules, disable, exclude, follow-symlinks, archives, isa, cache, max-file-size, suppressions)"
        ),
        (
            "version: 1\nmax-file-size: big\n",
            "armready.yml:2: 'max-file-size' must be a positive number of bytes (found 'big')"
        ),
        ("target: x\n", "armready.yml:1: configuration is missing the required key 'version'"),
        ("version: 2\n", "armready.yml:1: unsupported configuration version 2 (this armready reads version 1)"),
        (
            "version: 1\nfail-on: native\n",
            "armready.yml:2: 'fail-on' must be one of emulated, at-risk, blocked (found 'native')"
        ),
        (
            "version: 1\nsuppressions:\n  - rule: a\n    binary: b\n",
            "armready.yml:3: suppression is missing the required key 'reason'"
        ),
        (
            "version: 1\nsuppressions:\n  - {rule: a, binary: b, reason: c, expires: soon}\n",
            "armready.yml:3: 'expires' must be a date written YYYY-MM-DD (found 'soon')"
        ),
    ])
    func rejectsWithFileAndLine(text: String, message: String) {
        #expect(throws: ReadinessError.self) { try ScanConfiguration.parse(text, file: "armready.yml") }
        do {
            _ = try ScanConfiguration.parse(text, file: "armready.yml")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func suppressionExpiryIsInclusive() {
        let suppression = Suppression(rule: "r", binary: "*", reason: "x", expires: "2026-06-30", line: 1)
        #expect(!suppression.isExpired(today: "2026-06-30"))
        #expect(suppression.isExpired(today: "2026-07-01"))
        #expect(
            Suppression(rule: "r", binary: String(repeating: "a", count: 64), reason: "x", expires: nil, line: 1)
                .isSHA256)
    }
}
