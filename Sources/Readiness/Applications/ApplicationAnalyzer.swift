import BinaryFormats

/// A binary as application-level analysis sees it.
package struct ApplicationMember: Sendable {
    package var path: String
    /// How the binary runs, as its own assessment decided (a .NET AnyCPU EXE without an arm64
    /// manifest runs as x64, for instance).
    package var execution: Execution
    package var isExecutable: Bool
    /// Lower-case names of the DLLs it imports.
    package var imports: [String]
    /// The facts its rules saw, without `target.*`.
    package var facts: Facts
    /// Ids of the rules that already fired for the binary on its own.
    package var ownRules: Set<String>

    package init(path: String, execution: Execution, isExecutable: Bool, imports: [String], facts: Facts, ownRules: Set<String>) {
        self.path = path
        self.execution = execution
        self.isExecutable = isExecutable
        self.imports = imports
        self.facts = facts
        self.ownRules = ownRules
    }
}

/// A finding that holds for a library only in the process of one of its application's
/// executables (for example an x64 DLL imported by an Arm64 EXE).
package struct ContextFinding: Sendable, Equatable {
    /// The library the finding is about.
    package var dependency: String
    /// The executable whose process loads it.
    package var host: String
    package var finding: Finding
}

/// Rates every binary again in its application: once with what the application ships
/// (`app.executables`), and, for each library an executable imports, with the importing
/// process's architecture as `app.host`.
///
/// Only imports that resolve to a binary in the same application are followed (system DLLs
/// are outside the scan). A name found beside the executable wins over one elsewhere in the
/// application, as the Windows loader searches the application directory first.
package enum ApplicationAnalyzer {
    package static func contextFindings(
        members: [ApplicationMember], applications: [String: String], rules: RuleSet, target: TargetProfile
    ) -> [ContextFinding] {
        var byApplication: [String: [Int]] = [:]
        for (index, member) in members.enumerated() {
            byApplication[applications[member.path] ?? ".", default: []].append(index)
        }
        // Rules without `app.*` facts already ran on each binary alone; only the others can
        // add anything here.
        let rules = RuleSet(rules: rules.rules.filter(\.needsApplicationContext), overrides: rules.overrides, disabled: rules.disabled)
        var results: [ContextFinding] = []
        for (application, indices) in byApplication.sorted(by: { $0.key < $1.key }) {
            // Every member, with what its application ships (`app.executables`, and the
            // Windows Arm64 NuGet assets that stand in for another RID's).
            let executables = indices.filter { members[$0].isExecutable }.map { members[$0].execution.rawValue }
            let arm64Assets = Set(indices.compactMap { NuGetAssetPath(members[$0].path) }.filter(\.isWindowsArm64).map(\.assetKey))
            for index in indices {
                let member = members[index]
                var facts = member.facts
                facts["app.name"] = .string(application)
                facts["app.executables"] = .set(executables)
                if let asset = NuGetAssetPath(member.path) { facts["app.nuget_arm64_asset"] = .bool(arm64Assets.contains(asset.assetKey)) }
                for finding in Evaluator.evaluate(facts: facts, rules: rules, target: target).findings
                where !member.ownRules.contains(finding.ruleID) {
                    results.append(ContextFinding(dependency: member.path, host: member.path, finding: finding))
                }
            }
            // Lower-case file name → members with that name, in path order: imports resolve by
            // name, and an application may hold thousands of binaries.
            var byName: [String: [Int]] = [:]
            for index in indices { byName[ApplicationGrouping.fileName(members[index].path).lowercased(), default: []].append(index) }
            for hostIndex in indices where members[hostIndex].isExecutable {
                let host = members[hostIndex]
                for name in host.imports {
                    guard let dependencyIndex = resolve(name, from: host.path, candidates: byName[name] ?? [], members: members),
                        dependencyIndex != hostIndex
                    else { continue }
                    let dependency = members[dependencyIndex]
                    var facts = dependency.facts
                    facts["app.host"] = .string(host.execution.rawValue)
                    facts["app.name"] = .string(application)
                    let assessment = Evaluator.evaluate(facts: facts, rules: rules, target: target)
                    for finding in assessment.findings where !dependency.ownRules.contains(finding.ruleID) {
                        results.append(ContextFinding(dependency: dependency.path, host: host.path, finding: finding))
                    }
                }
            }
        }
        return results
    }

    /// The member named `name` beside the host, else the first one elsewhere in the application.
    private static func resolve(_ name: String, from hostPath: String, candidates: [Int], members: [ApplicationMember]) -> Int? {
        let hostDirectory = ApplicationGrouping.directory(hostPath)
        return candidates.first { ApplicationGrouping.directory(members[$0].path) == hostDirectory } ?? candidates.first
    }
}
