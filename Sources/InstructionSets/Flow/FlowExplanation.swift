import BinaryFormats

/// What a finished flow analysis says, in the profile's terms: the `ISAFlowReport` (functions,
/// checks, the compile target) and each extension's counts by standing with examples.
struct FlowExplanation {
    let analysis: FlowAnalysis
    /// The extension table the family's decoder indexes (`BlockUse.extensionID`).
    let extensionNames: [ISAExtension]
    let family: ISAExtension.Architecture

    func report(roots: [CodeRoot]) -> ISAFlowReport {
        var report = ISAFlowReport()
        let functions = analysis.functions
        report.functions = functions.count
        for state in analysis.states {
            switch state {
            case .required: report.requiredFunctions += 1
            case .dispatched: report.dispatchedFunctions += 1
            case .unreached: report.unreachedFunctions += 1
            }
        }
        report.roots = Set(roots.compactMap { analysis.function(at: $0.address) }).count
        let legacySIMD = Set(
            extensionNames.indices.filter {
                extensionNames[$0].rawValue.hasPrefix("sse") || extensionNames[$0] == .ssse3
            }
            .map(Int32.init))
        for index in functions.indices {
            report.bytesReached += functions.bytes(index)
            for call in functions.calls(index) where call.target == .indirect { report.unresolvedIndirect += 1 }
            for guardIndex in 0..<functions.guardPositions(index).count where analysis.isRealGuard(index, guardIndex) {
                report.checks += 1
                if report.checkExamples.count < 5 { report.checkExamples.append(check(index, Int32(guardIndex))) }
            }
            if !functions.cpuidLeaves(index).isEmpty, !analysis.consumedProbes.contains(index) {
                report.unconsumedProbes += functions.cpuidLeaves(index).count
            }
            // Dispatched kernels are meant to use the level; the rest of the code says how it was built.
            guard family == .x86, functions.instructions(index) >= FlowRun.minimumInstructions,
                functions.thunkSlot(index) == nil,
                analysis.states[index] != .dispatched
            else { continue }
            report.measuredFunctions += 1
            if functions.hasVEX(index) || functions.hasVEXScalar(index) || functions.hasBitManipulation(index) {
                report.levelFunctions += 1
            } else if functions.uses(index).contains(where: { legacySIMD.contains($0.extensionID) }) {
                report.legacySIMDFunctions += 1
            }
            if functions.hasEVEX(index) { report.evexFunctions += 1 }
        }
        if report.measuredFunctions > 0 {
            let measured = Double(report.measuredFunctions)
            report.compiledForShare = (Double(report.levelFunctions) / measured * 1000).rounded() / 1000
            // A build for the level turns (nearly) every SIMD/FP function into VEX; a library that
            // dispatches keeps most of them SSE (numpy's manylinux module: 1,250 VEX, 3,015 SSE).
            let vexShare =
                Double(report.levelFunctions) / Double(max(1, report.levelFunctions + report.legacySIMDFunctions))
            if report.compiledForShare >= FlowRun.levelShare, report.levelFunctions >= FlowRun.minimumLevelFunctions,
                vexShare >= FlowRun.vexShareOfSIMDFunctions
            {
                report.compiledFor = "x86-64-v3"
                if Double(report.evexFunctions) / measured >= FlowRun.evexShare, report.evexFunctions >= 2 {
                    report.compiledFor = "x86-64-v4"
                }
            }
        }
        return report
    }

    /// The flow-found part of each x86 extension's finding (counts by standing, examples).
    func findings(examplesPerExtension: Int) -> [ISAExtensionUse] {
        let table = extensionNames
        var result: [ISAExtensionUse] = []
        for (id, standing) in analysis.standings(examplesPerExtension: examplesPerExtension) {
            guard id >= 0, Int(id) < table.count else { continue }
            let name = table[Int(id)]
            let total = standing.required + standing.dispatched + standing.unknown
            var use = ISAExtensionUse(
                architecture: family, name: name, hint: name.isHint(on: family), count: total, inFunctions: total,
                inLinearSweep: 0,
                examples: standing.examples.sorted { Self.order($0.standing) < Self.order($1.standing) }.map(example))
            use.required = standing.required
            use.dispatched = standing.dispatched
            use.unknown = standing.unknown
            result.append(use)
        }
        return result
    }

    private func example(
        _ found: (standing: FlowStanding, address: UInt64, function: Int, guardFunction: Int, guardIndex: Int32)
    ) -> ISAExample {
        var example = ISAExample(
            address: found.address, function: functionName(found.function), standing: found.standing)
        switch found.standing {
        case .required: example.reachedFrom = analysis.rootName(of: found.function)
        case .dispatched:
            if found.guardFunction >= 0, found.guardIndex >= 0 {
                example.check = check(found.guardFunction, found.guardIndex)
            }
            let caller = analysis.reasons[found.function].caller
            if found.guardFunction != found.function, caller >= 0 { example.reachedFrom = functionName(Int(caller)) }
        case .unknown: break
        }
        return example
    }

    private static func order(_ standing: FlowStanding) -> Int {
        switch standing {
        case .required: 0
        case .dispatched: 1
        case .unknown: 2
        }
    }

    private func functionName(_ index: Int) -> String {
        analysis.name(of: index) ?? "sub_" + String(analysis.functions.start(index), radix: 16)
    }

    private func check(_ function: Int, _ guardIndex: Int32) -> ISACheck {
        let candidate = analysis.functions.guardCandidate(function, Int(guardIndex))
        return ISACheck(
            address: candidate.address, function: functionName(function), tests: describe(candidate.source),
            constant: candidate.constant)
    }

    private func describe(_ source: ValueSource) -> String {
        func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
        switch source {
        case .probe(let xgetbv): return xgetbv ? "XGETBV" : "CPUID"
        case .global(let address, nil): return analysis.names[address] ?? "cache " + hex(address)
        case .global(let offset, .some(let slot)):
            let name = analysis.importSlots[slot] ?? analysis.names[slot] ?? "pointer " + hex(slot)
            return offset == 0 ? name : name + "+" + hex(offset)
        case .element(let array): return (analysis.names[array] ?? "cache array " + hex(array)) + "[i]"
        case .callResult(let target):
            if let name = analysis.importName(calling: target) ?? analysis.names[target] { return name }
            if let index = analysis.function(at: target) { return "probe " + functionName(index) }
            return "probe " + hex(target)
        case .slotCallResult(let slot): return analysis.importSlots[slot] ?? "probe via " + hex(slot)
        case .unknown: return "unknown"
        }
    }
}
