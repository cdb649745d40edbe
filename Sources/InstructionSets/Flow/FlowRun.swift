import BinaryFormats

/// One image's flow analysis, from decoding to the profile's findings and `ISAFlowReport`.
struct FlowRun {
    let covered: [Range<UInt64>]
    let bytesDecoded: Int
    let capReached: Bool
    let cpuid: Bool
    let xgetbv: Bool
    let idRegisterRead: Bool
    private let analysis: FlowAnalysis
    private(set) var report = ISAFlowReport()

    /// Functions with fewer instructions say nothing about the compiler's target level.
    static let minimumInstructions = 8
    /// Whole-program builds for a level show it in 16–52% of functions, dispatching libraries in
    /// 0.6–5% (cpu-dispatch.md §2): 10% with at least 3 functions separates them.
    static let levelShare = 0.10
    static let minimumLevelFunctions = 3
    /// EVEX appears in 2–7% of the functions of a v4 build.
    static let evexShare = 0.02
    /// Of the measured functions that use SIMD or scalar FP at all, the share that is VEX/EVEX in a
    /// build for the level: 83–100% (Lua PE 106/127 beside a baseline CRT; faiss `_swigfaiss_avx2`
    /// 4,559/4,559), against 13–29% in libraries that dispatch (libavcodec, OpenBLAS, numpy).
    static let vexShareOfSIMDFunctions = 0.5

    /// The extension table the family's decoder indexes (`BlockUse.extensionID`).
    private let extensionNames: [ISAExtension]
    private let family: ISAExtension.Architecture

    /// - Parameter family: `.x86` decodes x86 and x64 functions, `.arm64` AArch64 ones; a hybrid
    ///   image gets one run per family (calls between them are not followed).
    init(
        image: BinaryImage, bytes: UnsafeRawBufferPointer, options: ISAOptions, family: ISAExtension.Architecture,
        release: ((Range<Int>) -> Void)? = nil
    ) {
        self.family = family
        extensionNames = family == .x86 ? X86ScanTable.shared.names : AArch64Encodings.names
        let code = CodeBytes(sections: image.code.sections, bytes: bytes)
        let decoding = FlowDecoding(
            layout: image.code, code: code, bias: image.pe?.imageBase ?? 0,
            architectures: family == .x86 ? [.x64, .x86] : [.arm64])
        var output = decoding.run(byteCap: options.maxDecodedBytes, workers: options.workers, release: release)
        covered = output.covered
        bytesDecoded = output.bytesDecoded
        capReached = output.capReached
        cpuid = output.functions.hasCPUID
        xgetbv = output.functions.hasXGETBV
        idRegisterRead = output.functions.hasIDRegisterRead
        let roots = LoaderRoots.select(image.code.roots)
        // Handed over, not shared: the analysis restores some functions' blocks, and a second
        // reference would copy every array of the table for it.
        let functions = output.functions
        output.functions = FunctionTable()
        analysis = FlowAnalysis(
            functions: consume functions, roots: roots, importSlots: image.code.importSlots,
            symbols: image.code.symbols, pointerAt: Self.pointerReader(image: image, bytes: bytes),
            decodeWhole: decoding.wholeSummaries(at:))
        report = makeReport(roots: roots)
    }

    /// Reads a pointer-sized value a PE image holds at an RVA (from its file bytes), as an RVA.
    /// ELF pointers in PIE images are filled by relocations, so there is nothing to read.
    static func pointerReader(image: BinaryImage, bytes: UnsafeRawBufferPointer) -> (UInt64) -> UInt64? {
        guard let pe = image.pe else { return { _ in nil } }
        let sections = pe.sections.map { ($0.virtualAddress, $0.sizeOfRawData, $0.pointerToRawData) }
        let width = pe.isPE32Plus ? 8 : 4
        let base = pe.imageBase
        // The closure reads `bytes`: FlowAnalysis uses it only while the bytes are alive (init).
        return { rva in
            for (address, size, raw) in sections
            where rva >= UInt64(address) && rva - UInt64(address) + UInt64(width) <= UInt64(size) {
                let offset = Int(raw) + Int(rva - UInt64(address))
                guard offset >= 0, offset + width <= bytes.count else { return nil }
                var value: UInt64 = 0
                for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
                return value >= base ? value - base : nil
            }
            return nil
        }
    }

    private func makeReport(roots: [CodeRoot]) -> ISAFlowReport {
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
            for (guardIndex, isReal) in analysis.realGuards[index].enumerated() where isReal {
                report.checks += 1
                if report.checkExamples.count < 5 { report.checkExamples.append(check(index, Int32(guardIndex))) }
            }
            if !functions.cpuidLeaves(index).isEmpty, !analysis.consumedProbes.contains(index) {
                report.unconsumedProbes += functions.cpuidLeaves(index).count
            }
            // Dispatched kernels are meant to use the level; the rest of the code says how it was built.
            guard family == .x86, functions.instructions(index) >= Self.minimumInstructions,
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
            if report.compiledForShare >= Self.levelShare, report.levelFunctions >= Self.minimumLevelFunctions,
                vexShare >= Self.vexShareOfSIMDFunctions
            {
                report.compiledFor = "x86-64-v3"
                if Double(report.evexFunctions) / measured >= Self.evexShare, report.evexFunctions >= 2 {
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
