import BinaryFormats
import Foundation
import InstructionSets
import Readiness
import Scanning

/// Reports of the bundled `Samples/` tree: scanned for real, and as `Samples/expected.json` says.
///
/// `scanned()` runs the scan library over `Samples/` with the built-in rules and default target,
/// as `armready scan Samples` does. `samplesTree()` builds the report from the contract instead
/// (verdicts and executions from `expected.json` → `applications`, machines, imports, DT_NEEDED
/// and iced-x86 feature counts from `files`), so the renderer's unit tests do not depend on the
/// scanner and their expectations come from pefile, LIEF, readelf and iced-x86.
enum HTMLSampleReport {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `Samples/` scanned with the built-in rules on the default target, time and version pinned.
    static func scanned() throws -> ScanReport {
        let options = ScanOptions(
            roots: [repositoryRoot.appendingPathComponent("Samples").path], rules: try RuleSet.load(),
            target: try TargetProfile.load(), isa: ISAOptions(), failOn: .blocked, today: "2026-01-15",
            generatedAt: "2026-01-15T09:30:00Z", toolVersion: "0.0.0-test")
        return try Scanner.scan(options)
    }

    /// The expected report of `Samples/`, built from `expected.json`.
    static func samplesTree() throws -> ScanReport {
        let url = repositoryRoot.appendingPathComponent("Samples/expected.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let root = json as? [String: Any], let apps = root["applications"] as? [String: [String: Any]],
            let files = root["files"] as? [String: [String: Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        var binaries: [BinaryResult] = []
        var applications: [ApplicationResult] = []
        for (appName, app) in apps.sorted(by: { $0.key < $1.key }) {
            let appBinaries = (app["binaries"] as? [String: [String: Any]]) ?? [:]
            var paths: [String] = []
            var reasons: [ApplicationReason] = []
            let appVerdict = Verdict(rawValue: app["verdict"] as? String ?? "") ?? .unknown
            for (relative, expected) in appBinaries.sorted(by: { $0.key < $1.key }) {
                let path = appName + "/" + relative
                let file = files[path] ?? [:]
                let binary = sampleBinary(path: path, app: appName, expected: expected, file: file)
                binaries.append(binary)
                paths.append(path)
                if binary.verdict == appVerdict, binary.verdict != .native, let finding = binary.findings.first {
                    reasons.append(
                        ApplicationReason(
                            verdict: binary.verdict, binary: path, rule: finding.rule, message: finding.message))
                }
            }
            let executables = paths.filter { $0.hasSuffix(".exe") || !$0.contains(".") }
            applications.append(
                ApplicationResult(
                    id: appName, name: appName, verdict: appVerdict, executables: executables, binaries: paths,
                    reasons: reasons))
        }
        binaries.sort { $0.path < $1.path }
        let fileCount = files.count
        return ScanReport(
            tool: ToolInfo(version: "0.0.0-sample"),
            target: TargetInfo(
                name: "copilot-plus-pc", title: "Copilot+ PC: Windows 11 24H2 with Prism on Snapdragon X"),
            generatedAt: "2026-01-15T09:30:00Z", roots: ["Samples"],
            summary: HTMLReportFactory.summary(binaries, applications, filesExamined: fileCount, hybridShare: 0.62),
            gate: GateResult(
                failOn: .blocked, failOnUnknown: false, passed: false,
                failing: binaries.filter { $0.verdict == .blocked }.map(\.path)),
            binaries: binaries, applications: applications, diagnostics: [], suppressions: [], baseline: nil)
    }

    private static func sampleBinary(path: String, app: String, expected: [String: Any], file: [String: Any])
        -> BinaryResult
    {
        let verdict = Verdict(rawValue: expected["verdict"] as? String ?? "") ?? .unknown
        let machine = (file["machine"] as? NSNumber)?.uint32Value
        let isELF = (file["format"] as? String) == "elf"
        let execution =
            (expected["execution"] as? String).flatMap(Execution.init(rawValue:))
            ?? (machine == 0x8664 || machine == 62 ? .x64 : .other)
        let kind: BinaryKind =
            (file["pefileIsDriver"] as? Bool) == true
            ? .driver
            : file["clr"] != nil ? .dotnet : (file["isDLL"] as? Bool) == true ? .library : .executable
        let rules = (expected["rules"] as? [String]) ?? []
        let ruleID = HTMLReportFactory.ruleID(
            verdict: verdict, execution: execution, kind: kind, elf: isELF, path: path)
        let finding = HTMLReportFactory.finding(
            rule: ruleID, verdict: verdict,
            message: "Samples/README.md rates this \(verdict.rawValue) (\(rules.joined(separator: ", "))).",
            confidence: (expected["confidence"] as? String) == "M" ? .medium : .high)
        let imports = ((file["imports"] as? [String: Any]) ?? [:]).keys.sorted()
        var isa: ISAProfile?
        if let x86 = file["x86"] as? [String: Any], let features = x86["icedCpuidFeatures"] as? [String: Int] {
            let findings = features.sorted { $0.key < $1.key }.map { name, count in
                ISAExtensionUse(
                    architecture: .x86, name: ISAExtension(name.lowercased()), hint: false, count: count,
                    inFunctions: count,
                    inLinearSweep: 0, examples: [ISAExample(address: 0x1000, function: nil)])
            }
            isa = ISAProfile(
                findings: findings, method: "pdata", bytesDecoded: 4096, byteCap: 256 << 20)
        }
        let details = BinaryDetails(
            subsystem: (file["subsystem"] as? Int).map { "\($0)" }, imports: imports,
            hybridKind: execution == .arm64x ? "arm64x" : nil, nativeCodeShare: execution == .arm64x ? 0.62 : nil,
            interpreter: file["interpreter"] as? String, needed: (file["needed"] as? [String]) ?? [])
        return BinaryResult(
            path: path, sha256: String(repeating: String(format: "%02x", path.utf8.count % 256), count: 32),
            size: 2048 + path.utf8.count * 16, application: app, format: isELF ? .elf : .pe, machine: machine,
            machineName: file["machineName"] as? String, execution: execution, kind: kind, bits: isELF ? 64 : nil,
            verdict: verdict, reason: nil, findings: [finding], details: details, isa: isa)
    }
}
