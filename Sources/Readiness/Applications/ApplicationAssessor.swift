/// Rates binaries in their applications: groups them, rates each one again with what its
/// application ships (`app.*` facts) and each library again in the process of every
/// executable that imports it (`app.host`), and writes each application's verdict with the
/// chain of reasons that decided it.
///
/// Only imports that resolve to a binary in the same application are followed (system DLLs
/// are outside the scan). A name found beside the executable wins over one elsewhere in the
/// application, as the Windows loader searches the application directory first.
package enum ApplicationAssessor {
    /// The rule id of the reason given for a binary no rule could rate.
    package static let unanalysableRule = "armready/unanalysable"

    /// Makes every binary's assessment final and returns the applications, sorted by id.
    /// - Parameter binaries: sorted by path, each path once; on return each has its
    ///   `application` and the findings only its application context shows.
    package static func assess(_ binaries: inout [AssessedBinary], rules: RuleSet, target: TargetProfile)
        -> [ApplicationResult]
    {
        let executables = Set(binaries.filter(\.isExecutable).map(\.path))
        let groups = ApplicationGrouping.group(paths: binaries.map(\.path), executables: executables)
        for index in binaries.indices { binaries[index].application = groups[binaries[index].path] ?? "." }
        let hosted = hostedFindings(&binaries, rules: rules, target: target)
        // Paths are unique (the scanner drops repeated roots and archive entries); keep the
        // first anyway rather than trap.
        let indexByPath = Dictionary(
            binaries.indices.map { (binaries[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        var contextReasons: [String: [ApplicationReason]] = [:]
        for item in hosted {
            guard let index = indexByPath[item.dependency] else { continue }
            var assessment = binaries[index].assessment
            if !assessment.findings.contains(where: { $0.rule == item.finding.rule }) {
                assessment.findings.append(item.finding)
                assessment.findings.sort(by: Finding.worstFirst)
                assessment.verdict = Verdict.worst(assessment.verdict, item.finding.verdict)
                binaries[index].assessment = assessment
            }
            contextReasons[binaries[index].application, default: []].append(
                ApplicationReason(
                    verdict: item.finding.verdict, binary: item.host, rule: item.finding.rule,
                    message: item.finding.message, dependency: item.dependency == item.host ? nil : item.dependency))
        }
        return applications(binaries, executables: executables, contextReasons: contextReasons)
    }

    /// A finding that holds for a binary only in its application: with what the application
    /// ships (`host` is the binary itself) or in the process of an executable that imports it.
    private struct HostedFinding {
        var dependency: String
        var host: String
        var finding: Finding
    }

    private static func hostedFindings(_ binaries: inout [AssessedBinary], rules: RuleSet, target: TargetProfile)
        -> [HostedFinding]
    {
        var byApplication: [String: [Int]] = [:]
        for (index, binary) in binaries.enumerated() { byApplication[binary.application, default: []].append(index) }
        // Rules without `app.*` facts already ran on each binary alone; only the others can
        // add anything here.
        let rules = RuleSet(
            rules: rules.rules.filter(\.needsApplicationContext), overrides: rules.overrides, disabled: rules.disabled)
        let ownRules = binaries.map { Set($0.assessment.findings.map(\.rule)) }
        var results: [HostedFinding] = []
        for (application, indices) in byApplication.sorted(by: { $0.key < $1.key }) {
            // Every member, with what its application ships (`app.executables`, and the
            // Windows Arm64 NuGet assets that stand in for another RID's).
            let executables = indices.filter { binaries[$0].isExecutable }.map {
                binaries[$0].assessment.execution.rawValue
            }
            let arm64Assets = Set(
                indices.compactMap { NuGetAssetPath(binaries[$0].path) }.filter(\.isWindowsArm64).map(\.assetKey))
            // Accelerator payloads are never their own stub's candidates.
            let cpuMembers = indices.filter { !isAcceleratorPayload(binaries[$0]) }.map { binaries[$0].path }
            for index in indices {
                var applicationFacts = Facts()
                applicationFacts[.appName] = .string(application)
                applicationFacts[.appExecutables] = .set(executables)
                if isAcceleratorPayload(binaries[index]),
                    let host = AcceleratorHost.host(of: binaries[index].path, candidates: cpuMembers)
                {
                    applicationFacts[.appAcceleratorHost] = .string(ApplicationGrouping.fileName(host))
                }
                if let asset = NuGetAssetPath(binaries[index].path) {
                    applicationFacts[.appNugetArm64Asset] = .bool(arm64Assets.contains(asset.assetKey))
                }
                binaries[index].applicationFacts = applicationFacts
                let binary = binaries[index]
                let facts = binary.facts.merging(applicationFacts)
                for finding in Evaluator.evaluate(facts: facts, rules: rules, target: target).findings
                where !ownRules[index].contains(finding.rule) {
                    results.append(HostedFinding(dependency: binary.path, host: binary.path, finding: finding))
                }
            }
            // Lower-case file name → members with that name, in path order: imports resolve by
            // name, and an application may hold thousands of binaries.
            var byName: [String: [Int]] = [:]
            for index in indices {
                byName[ApplicationGrouping.fileName(binaries[index].path).lowercased(), default: []].append(index)
            }
            for hostIndex in indices where binaries[hostIndex].isExecutable {
                let host = binaries[hostIndex]
                for name in host.imports {
                    guard
                        let dependencyIndex = resolve(
                            name, from: host.path, candidates: byName[name] ?? [], binaries: binaries),
                        dependencyIndex != hostIndex
                    else { continue }
                    binaries[dependencyIndex].loadedBy.append((host.path, host.assessment.execution))
                    let dependency = binaries[dependencyIndex]
                    var facts = dependency.facts
                    facts[.appHost] = .string(host.assessment.execution.rawValue)
                    facts[.appName] = .string(application)
                    for finding in Evaluator.evaluate(facts: facts, rules: rules, target: target).findings
                    where !ownRules[dependencyIndex].contains(finding.rule) {
                        results.append(HostedFinding(dependency: dependency.path, host: host.path, finding: finding))
                    }
                }
            }
        }
        return results
    }

    /// Code for an accelerator (`elf.accelerator` other than `none`), not for the CPU.
    private static func isAcceleratorPayload(_ binary: AssessedBinary) -> Bool {
        guard case .string(let accelerator)? = binary.facts[.elfAccelerator] else { return false }
        return accelerator != "none"
    }

    /// The worst member verdict, except that an installer stub whose payload was not
    /// examined decides nothing (R26): with one, the application is `unknown` unless another
    /// member is at-risk or blocked on its own.
    private static func verdict(of members: [AssessedBinary], reasons: inout [ApplicationReason]) -> Verdict {
        let stubs = members.filter { $0.facts[.installerPayloadExamined] == .bool(false) }
        guard !stubs.isEmpty else { return members.map(\.assessment.verdict).worst }
        let stubPaths = Set(stubs.map(\.path))
        let others = members.filter { !stubPaths.contains($0.path) }.map(\.assessment.verdict).worst
        guard others < .atRisk else { return others }
        for stub in stubs {
            let engine = stub.facts[.installerEngine].flatMap { if case let .string(name) = $0 { name } else { nil } }
            reasons.insert(
                ApplicationReason(
                    verdict: .unknown, binary: stub.path, rule: installerPayloadRule,
                    message:
                        "\(fileNameOf(stub.path)) is a\(engine.map { " \($0)" } ?? "n") installer whose payload was not examined: the application's verdict is unknown until what it installs is scanned"
                ), at: 0)
        }
        return .unknown
    }

    package static let installerPayloadRule = "installer-payload-not-examined"

    private static func fileNameOf(_ path: String) -> String { ApplicationGrouping.fileName(path) }

    /// The binary named `name` beside the host, else the first one elsewhere in the application.
    private static func resolve(_ name: String, from hostPath: String, candidates: [Int], binaries: [AssessedBinary])
        -> Int?
    {
        let hostDirectory = ApplicationGrouping.directory(hostPath)
        return candidates.first { ApplicationGrouping.directory(binaries[$0].path) == hostDirectory }
            ?? candidates.first
    }

    private static func applications(
        _ binaries: [AssessedBinary], executables: Set<String>, contextReasons: [String: [ApplicationReason]]
    ) -> [ApplicationResult] {
        let byApplication = Dictionary(grouping: binaries, by: \.application)
        return byApplication.keys.sorted().map { id in
            let members = byApplication[id] ?? []
            var reasons = contextReasons[id] ?? []
            // (binary, rule) pairs a context reason already explains; a set, because one
            // application may hold thousands of binaries.
            let explained = Set(reasons.map { [$0.dependency ?? $0.binary, $0.rule] })
            for member in members where member.assessment.verdict != .native {
                let assessment = member.assessment
                if let top = assessment.findings.first, top.verdict == assessment.verdict {
                    if !explained.contains([member.path, top.rule]) {
                        reasons.append(
                            ApplicationReason(
                                verdict: assessment.verdict, binary: member.path, rule: top.rule, message: top.message))
                    }
                } else {
                    reasons.append(
                        ApplicationReason(
                            verdict: assessment.verdict, binary: member.path, rule: unanalysableRule,
                            message: assessment.reason ?? "could not be analysed"))
                }
            }
            reasons.sort(by: ApplicationReason.worstFirst)
            return ApplicationResult(
                id: id, name: id == "." ? "." : ApplicationGrouping.fileName(id),
                verdict: verdict(of: members, reasons: &reasons),
                executables: members.map(\.path).filter(executables.contains), binaries: members.map(\.path),
                reasons: reasons)
        }
    }
}
