import BinaryFormats

/// The global half of the flow analysis: joins `FunctionSummary`s into a call graph, finds the
/// feature caches and the real feature checks, and rates every extension use.
///
/// - A function is *required* when a root (entry, export, TLS callback, initializer) reaches it
///   through direct calls and jumps without passing a real check; *dispatched* when every path
///   passes one, or it is reached only through an address taken in a function that checks
///   features (dispatch tables, resolvers) or returned by an IFUNC resolver; *unreached* when
///   no root reaches it (it is called through data the analysis does not follow): its uses are
///   *unknown*.
/// - A check is real when its condition comes from CPUID/XGETBV output, from a global that a
///   probing function stores (or that is a known cache, `__isa_available`, `__cpu_model`), or
///   from the result of a probe (`IsProcessorFeaturePresent`, `getauxval`, a function that
///   runs CPUID). A CPUID whose outputs nothing branches on is no check at all.
/// - Inside a function, blocks reached from the entry only through a check's "present" edge are
///   guarded (dispatched); the rest of a required function is required.
struct FlowAnalysis {
    enum State: UInt8, Comparable {
        case unreached = 0, dispatched = 1, required = 2
        static func < (a: State, b: State) -> Bool { a.rawValue < b.rawValue }
    }

    /// How a function got its state: from a root, or from a call or taken address in another
    /// function, possibly past a check.
    struct Reason {
        var root: CodeRoot.Kind?
        var caller: Int32 = -1
        /// The caller's check that admits this function (an index into that caller's guards).
        var guardIndex: Int32 = -1
    }

    struct Standings {
        var required = 0
        var dispatched = 0
        var unknown = 0
        var examples:
            [(standing: FlowStanding, address: UInt64, function: Int, guardFunction: Int, guardIndex: Int32)] = []
    }

    /// Compacted (`FunctionSummary.compact`), with their blocks for the functions with a real check.
    private(set) var functions: FunctionTable
    let importSlots: [UInt64: String]
    /// Slots the image binds to a function of its own (`ImportSlot.definition`).
    let localDefinitions: [UInt64: UInt64]
    let names: [UInt64: String]
    private(set) var states: [State]
    private(set) var reasons: [Reason]
    /// By check candidate, at its position among all functions' (`FunctionTable.guardPositions`).
    private var realGuards: [Bool]
    private(set) var probeFunctions: Set<Int> = []
    /// Probe functions and the small wrappers that call them: their return values are probe results.
    private(set) var resultProbes: Set<Int> = []
    /// Probe functions whose results some real check reads (their own, a cache they fill, or
    /// their return value); the others are start-up probes nothing consumes.
    private(set) var consumedProbes: Set<Int> = []
    private let indexByStart: AddressIndex
    private var cacheIntervals: [(start: UInt64, end: UInt64)] = []
    private var ifuncResolvers: Set<Int> = []

    /// Reads a pointer the image holds at an address (PE `.refptr`-style slots), as an address
    /// in the image's own space.
    let pointerAt: (UInt64) -> UInt64?

    /// - Parameter decodeWhole: the summaries of the functions at these starts with their blocks
    ///   (`FlowDecoding.wholeSummaries`), for the functions whose checks are real; nil leaves
    ///   a function as it is.
    init(
        functions: FunctionTable, roots: [CodeRoot], importSlots: [ImportSlot], symbols: [CodeSymbol],
        pointerAt: @escaping (UInt64) -> UInt64? = { _ in nil },
        decodeWhole: ([UInt64]) -> [FunctionSummary?] = { $0.map { _ in nil } }
    ) {
        self.functions = functions
        self.pointerAt = pointerAt
        var slots: [UInt64: String] = [:]
        var definitions: [UInt64: UInt64] = [:]
        for slot in importSlots.prefix(ReadLimits.maxSymbols) {
            slots[slot.address] = slot.name
            if let definition = slot.definition { definitions[slot.address] = definition }
        }
        self.importSlots = slots
        localDefinitions = definitions
        var names: [UInt64: String] = [:]
        for symbol in symbols.prefix(ReadLimits.maxSymbols) where names[symbol.address] == nil {
            names[symbol.address] = symbol.name
        }
        for root in roots where names[root.address] == nil { if let name = root.name { names[root.address] = name } }
        self.names = names
        states = Array(repeating: .unreached, count: functions.count)
        reasons = Array(repeating: Reason(), count: functions.count)
        realGuards = Array(repeating: false, count: functions.guardCount)
        indexByStart = AddressIndex(functions.indices.map { [functions] in functions.start($0) })
        findProbes()
        findCaches()
        judgeGuards()
        restoreBlocks(decodeWhole)
        propagate(roots: roots)
    }

    /// Functions with a real check get their blocks back: which of them run past the check
    /// is what the rest of the analysis asks.
    private mutating func restoreBlocks(_ decodeWhole: ([UInt64]) -> [FunctionSummary?]) {
        let checking = functions.indices.filter { hasRealGuard($0) }
        guard !checking.isEmpty else { return }
        let whole = decodeWhole(checking.map { functions.start($0) })
        for (index, summary) in zip(checking, whole) {
            // The same decoder on the same bytes finds the same records, in the same order.
            if let summary { functions.restoreBlocks(index, from: summary) }
        }
    }

    // MARK: - Targets

    /// The function a call to `address` runs, past incremental-link jump thunks and PLT stubs
    /// of functions the image defines itself.
    func function(at address: UInt64) -> Int? { function(at: address, intoDefinitions: true) }

    private func function(at address: UInt64, intoDefinitions: Bool) -> Int? {
        var current = address
        for _ in 0..<4 {
            guard let index = indexByStart[current] else { return nil }
            let local = intoDefinitions ? functions.thunkSlot(index).flatMap { localDefinitions[$0] } : nil
            let next = functions.jumpThunkTarget(index) ?? local
            guard let next, next != current, indexByStart[next] != nil else { return index }
            current = next
        }
        return indexByStart[current]
    }

    /// The import a call to `address` reaches, when `address` is an import thunk.
    func importName(calling address: UInt64) -> String? {
        guard let index = function(at: address, intoDefinitions: false), let slot = functions.thunkSlot(index)
        else { return nil }
        return importSlots[slot]
    }

    func name(of function: Int) -> String? { names[functions.start(function)] }

    // MARK: - Probes, caches, checks

    private mutating func findProbes() {
        // A direct call reaches a probe import only through a thunk of one: most images have
        // none (MSVC calls through the slot), and then a million calls need no lookup.
        let probeThunks = functions.indices.contains { index in
            functions.thunkSlot(index).flatMap { importSlots[$0] }.map(FeatureNames.probeImports.contains) ?? false
        }
        for index in functions.indices {
            let leaves = functions.cpuidLeaves(index).contains { leaf in
                leaf.map { FeatureNames.featureLeaves.contains($0) } ?? true
            }
            var probe = leaves || functions.xgetbvCount(index) > 0 || functions.idRegisterReads(index) > 0
            if let name = names[functions.start(index)], FeatureNames.probeFunctions.contains(name) { probe = true }
            if !probe {
                probe = functions.calls(index).contains { call in
                    switch call.target {
                    case .slot(let slot): importSlots[slot].map(FeatureNames.probeImports.contains) ?? false
                    case .direct(let target):
                        probeThunks && (importName(calling: target).map(FeatureNames.probeImports.contains) ?? false)
                    case .indirect: false
                    }
                }
            }
            if probe { probeFunctions.insert(index) }
        }
        // Wrappers return what a probe found (`dav1d_get_cpu_flags_x86` around its CPUID helper,
        // a `has_avx2()` around `__cpuid`): their results count as probe results, two levels up.
        resultProbes = probeFunctions
        for _ in 0..<2 where !resultProbes.isEmpty {
            var added: [Int] = []
            for index in functions.indices
            where !resultProbes.contains(index) && functions.instructions(index) <= Self.maxWrapperInstructions {
                let callsProbe = functions.calls(index).contains { call in
                    if case .direct(let target) = call.target, let callee = function(at: target) {
                        return resultProbes.contains(callee)
                    }
                    return false
                }
                if callsProbe { added.append(index) }
            }
            if added.isEmpty { break }
            resultProbes.formUnion(added)
        }
    }

    /// How far after a stored probe result a feature array reaches (OpenSSL 3: ten words).
    static let featureArrayBytes: UInt64 = 48

    /// Larger callers of a probe are programs that use its answer, not wrappers that return it.
    static let maxWrapperInstructions = 400

    private mutating func findCaches() {
        var intervals: [(UInt64, UInt64)] = []
        for index in functions.indices where !functions.stores(index).isEmpty {
            let probing = probeFunctions.contains(index)
            for store in functions.stores(index) {
                // A probe's result stored at G starts a feature array (`OPENSSL_ia32cap_P[0]`,
                // the rest written through a pointer): the words after it count too.
                if isProbeResult(store.value) {
                    intervals.append((store.global, store.global &+ Self.featureArrayBytes))
                } else if probing {
                    intervals.append((store.global, store.global &+ 16))
                }
            }
        }
        for index in functions.indices where !probeFunctions.isEmpty {
            for call in functions.calls(index) {
                guard let array = call.dataArgument, case .direct(let target) = call.target,
                    let callee = function(at: target), probeFunctions.contains(callee)
                else { continue }
                intervals.append((array, array &+ Self.featureArrayBytes))
            }
        }
        for (address, name) in names where FeatureNames.isCacheGlobal(name) {
            intervals.append((address, address &+ 64))
        }
        intervals.sort { $0.0 < $1.0 }
        cacheIntervals = intervals.map { (start: $0.0, end: $0.1) }
    }

    /// A value straight from a probe (not yet through a cache).
    private func isProbeResult(_ source: ValueSource) -> Bool {
        switch source {
        case .probe: return true
        case .callResult(let target):
            if let index = function(at: target), resultProbes.contains(index) { return true }
            if let name = importName(calling: target) ?? names[target] {
                return FeatureNames.probeImports.contains(name) || FeatureNames.probeFunctions.contains(name)
            }
            return false
        case .slotCallResult(let slot):
            return importSlots[slot].map { FeatureNames.probeImports.contains($0) } ?? false
        case .global, .element, .unknown: return false
        }
    }

    /// How far an indexed feature array may reach past its base (numpy: 500 one-byte flags).
    static let featureArrayElements: UInt64 = 1024

    /// An indexed array is a feature array only when a cache starts this close to its base
    /// (numpy's probe stores `npy__cpu_have[1]` on): a lookup table that merely lies before a
    /// cache does not turn every test of its elements into a feature check.
    static let featureArrayLead: UInt64 = 64

    /// Whether any cache starts or lies in `start..<end` (an array some element of which is tested).
    private func cacheOverlaps(_ start: UInt64, _ end: UInt64) -> Bool {
        if isCache(start) { return true }
        var low = 0
        var high = cacheIntervals.count
        while low < high {
            let mid = (low + high) / 2
            if cacheIntervals[mid].start < start { low = mid + 1 } else { high = mid }
        }
        return low < cacheIntervals.count && cacheIntervals[low].start < end
    }

    private func isCache(_ address: UInt64) -> Bool {
        var low = 0
        var high = cacheIntervals.count
        while low < high {
            let mid = (low + high) / 2
            if cacheIntervals[mid].start <= address { low = mid + 1 } else { high = mid }
        }
        var index = low - 1
        // Intervals may overlap: look back over the few that start before `address`.
        var steps = 0
        while index >= 0, steps < 16 {
            if address < cacheIntervals[index].end { return true }
            index -= 1
            steps += 1
        }
        return false
    }

    /// Whether a guard candidate's condition comes from probed CPU features.
    func isFeatureSource(_ source: ValueSource) -> Bool {
        switch source {
        case .global(let address, let slot):
            if let slot {
                // Through a pointer: a named import or slot, or a pointer the file itself holds
                // (mingw `.refptr.__cpu_model`) to a cache.
                if let name = importSlots[slot] ?? names[slot] { return FeatureNames.isCacheGlobal(name) }
                guard let target = pointerAt(slot) else { return false }
                if let name = names[target], FeatureNames.isCacheGlobal(name) { return true }
                return isCache(target &+ address)
            }
            return isCache(address)
        case .element(let array):
            return cacheOverlaps(array, array &+ Self.featureArrayLead)
        case .callResult(let target):
            if isProbeResult(source) { return true }
            // A getter of a feature cache (one level: its own result must be a cache load).
            guard let index = function(at: target) else { return false }
            return functions.returnSources(index).contains { returned in
                returned.isMemoryLoad && isFeatureSource(returned)
            }
        default: return isProbeResult(source)
        }
    }

    private mutating func judgeGuards() {
        var testedGlobals: [UInt64] = []
        var testedArrays: Set<UInt64> = []
        for index in functions.indices where !functions.guards(index).isEmpty {
            for (guardIndex, candidate) in functions.guards(index).enumerated() where isFeatureSource(candidate.source)
            {
                realGuards[functions.guardPositions(index).lowerBound + guardIndex] = true
                switch candidate.source {
                case .global(let address, nil): testedGlobals.append(address)
                case .element(let array): testedArrays.insert(array)
                case .callResult(let target): if let probe = function(at: target) { consumedProbes.insert(probe) }
                case .probe: consumedProbes.insert(index)
                default: break
                }
            }
        }
        testedGlobals.sort()
        for index in probeFunctions where !consumedProbes.contains(index) {
            let consumed = functions.stores(index).contains { store in
                Self.anyWithin(testedGlobals, of: store.global, distance: 8)
                    || testedArrays.contains { $0 <= store.global && store.global - $0 < Self.featureArrayElements }
            }
            if consumed { consumedProbes.insert(index) }
        }
    }

    private static func anyWithin(_ sorted: [UInt64], of value: UInt64, distance: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        let floor = value >= distance ? value - distance : 0
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < floor { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] <= value &+ distance
    }

    func hasRealGuard(_ function: Int) -> Bool { realGuards[functions.guardPositions(function)].contains(true) }

    /// Whether check candidate `guardIndex` of `function` is a real feature check.
    func isRealGuard(_ function: Int, _ guardIndex: Int) -> Bool {
        let positions = functions.guardPositions(function)
        return guardIndex >= 0 && guardIndex < positions.count && realGuards[positions.lowerBound + guardIndex]
    }

    // MARK: - Reachability

    private mutating func propagate(roots: [CodeRoot]) {
        var worklist: [Int] = []
        for root in roots {
            guard let index = function(at: root.address) else { continue }
            if root.kind == .ifuncResolver { ifuncResolvers.insert(index) }
            if states[index] < .required {
                states[index] = .required
                reasons[index] = Reason(root: root.kind)
                worklist.append(index)
            }
        }
        var processed = 0
        drain(&worklist, processed: &processed)
        // A function no root reaches (entered through data the analysis does not follow:
        // numpy's module exec slot and the ufunc set-up under it) may still check features:
        // what it runs or takes the address of only past a real check is dispatched.
        for index in functions.indices where states[index] == .unreached && hasRealGuard(index) {
            visit(index, blockStates: blockStates(of: index, entered: true), into: &worklist)
            drain(&worklist, processed: &processed)
        }
    }

    private mutating func drain(_ worklist: inout [Int], processed: inout Int) {
        while let index = worklist.popLast() {
            processed += 1
            if processed > FlowLimits.maxFunctions * 4 { return }
            visit(index, blockStates: blockStates(of: index), into: &worklist)
        }
    }

    /// Raises the callees and taken addresses of one function by the state of the block they
    /// are in. Blocks that are neither required nor behind a check (an unreached function's
    /// unguarded part) raise nothing.
    private mutating func visit(_ index: Int, blockStates: BlockStates, into worklist: inout [Int]) {
        let entered = states[index] != .unreached
        let checks = hasRealGuard(index) || ifuncResolvers.contains(index)
        func raise(_ target: Int, to state: State, block: Int32, anyBlock: Bool = false) {
            guard state > states[target] else { return }
            let admitted = blockStates.guardOf(Int(block))
            guard entered || admitted >= 0 || anyBlock else { return }
            states[target] = state
            if state == .dispatched, admitted < 0, states[index] == .dispatched, reasons[index].guardIndex >= 0 {
                // Called from a function that is itself behind a check: that check admits
                // this one too (`avx2 in sub_dac40`, named by the test in its dispatcher).
                reasons[target] = reasons[index]
            } else {
                reasons[target] = Reason(root: nil, caller: Int32(index), guardIndex: admitted)
            }
            worklist.append(target)
        }
        for call in functions.calls(index) {
            let callee: Int?
            switch call.target {
            case .direct(let address): callee = function(at: address)
            case .slot(let slot): callee = localDefinitions[slot].flatMap { function(at: $0) }
            case .indirect: callee = nil
            }
            guard let target = callee, Int(call.block) < blockStates.required.count else { continue }
            let required = entered && blockStates.required[Int(call.block)]
            raise(target, to: required ? .required : .dispatched, block: call.block)
        }
        for taken in functions.addressesTaken(index) {
            guard let target = function(at: taken.target), Int(taken.block) < blockStates.required.count
            else { continue }
            // An address taken in a function that checks features is a dispatch table entry,
            // whichever block takes it (`cmove` between two kernels' addresses).
            let unguarded = entered && blockStates.required[Int(taken.block)] && !checks
            raise(target, to: unguarded ? .required : .dispatched, block: taken.block, anyBlock: checks)
        }
    }

    /// Per block of one function: whether it runs unguarded in a required function, and which
    /// real check admits it otherwise (`-1`: none found).
    struct BlockStates {
        var required: [Bool]
        var guards: [Int32]
        func guardOf(_ block: Int) -> Int32 { block < guards.count ? guards[block] : -1 }
    }

    /// `entered`: walk an unreached function as if it were entered at its start, to find what
    /// it runs only past a check (its unguarded blocks then stand for "unknown", not required).
    func blockStates(of index: Int, entered: Bool = false) -> BlockStates {
        // A compacted function stores no blocks: all of it is block 0, without successors.
        let blocks = functions.blocks(index)
        let count = max(1, blocks.count)
        var required = Array(repeating: false, count: count)
        var guards = Array(repeating: Int32(-1), count: count)
        func isReal(_ edge: Edge) -> Int32? {
            guard let guardIndex = edge.presentOf, isRealGuard(index, Int(guardIndex)) else { return nil }
            return guardIndex
        }
        var guardedEntries: [(block: Int, guardIndex: Int32)] = []
        if states[index] == .required || entered {
            var stack = [0]
            required[0] = true
            while let block = stack.popLast() {
                guard block < blocks.count else { continue }
                for edge in blocks[block].successors where Int(edge.block) < count && edge.block >= 0 {
                    let target = Int(edge.block)
                    if let guardIndex = isReal(edge) {
                        guardedEntries.append((target, guardIndex))
                    } else if !required[target] {
                        required[target] = true
                        stack.append(target)
                    }
                }
            }
        } else {
            guardedEntries.append((0, -1))
        }
        var visited = required
        var stack: [Int] = []
        for entry in guardedEntries where !visited[entry.block] {
            visited[entry.block] = true
            guards[entry.block] = entry.guardIndex
            stack.append(entry.block)
            while let block = stack.popLast() {
                guard block < blocks.count else { continue }
                for edge in blocks[block].successors where Int(edge.block) < count && edge.block >= 0 {
                    let target = Int(edge.block)
                    guard !visited[target] else { continue }
                    visited[target] = true
                    guards[target] = entry.guardIndex
                    stack.append(target)
                }
            }
        }
        return BlockStates(required: required, guards: guards)
    }

    // MARK: - Extension uses

    /// Counts of every extension id by standing, with a few examples each.
    func standings(examplesPerExtension: Int) -> [Int32: Standings] {
        var result: [Int32: Standings] = [:]
        for index in functions.indices where !functions.uses(index).isEmpty {
            let state = states[index]
            let checksUnreached = state == .unreached && hasRealGuard(index)
            let blocks =
                state == .required
                ? blockStates(of: index) : checksUnreached ? blockStates(of: index, entered: true) : nil
            for use in functions.uses(index) {
                var standing: FlowStanding
                var guardFunction = -1
                var guardIndex: Int32 = -1
                switch state {
                case .unreached:
                    // Past a check in a function no root reaches: dispatched all the same.
                    let admitted = blocks?.guardOf(Int(use.block)) ?? -1
                    let unguarded =
                        blocks.map { Int(use.block) < $0.required.count && $0.required[Int(use.block)] } ?? true
                    if checksUnreached, admitted >= 0, !unguarded {
                        standing = .dispatched
                        guardFunction = index
                        guardIndex = admitted
                    } else {
                        standing = .unknown
                    }
                case .dispatched:
                    standing = .dispatched
                    guardFunction = Int(reasons[index].caller)
                    guardIndex = reasons[index].guardIndex
                case .required:
                    if let blocks, Int(use.block) < blocks.required.count, blocks.required[Int(use.block)] {
                        standing = .required
                    } else {
                        standing = .dispatched
                        guardFunction = index
                        guardIndex = blocks?.guardOf(Int(use.block)) ?? -1
                    }
                }
                // In place: a copy of the entry would copy its examples at every use.
                let count = Int(use.count)
                switch standing {
                case .required: result[use.extensionID, default: Standings()].required += count
                case .dispatched: result[use.extensionID, default: Standings()].dispatched += count
                case .unknown: result[use.extensionID, default: Standings()].unknown += count
                }
                var sameStanding = 0
                for example in result[use.extensionID]?.examples ?? [] where example.standing == standing {
                    sameStanding += 1
                }
                if sameStanding < examplesPerExtension {
                    result[use.extensionID]?.examples.append(
                        (standing, use.firstAddress, index, guardFunction, guardIndex))
                }
            }
        }
        return result
    }

    /// The root-side chain of a function: the function that reached it first, up to a root.
    func rootName(of function: Int) -> String? {
        var current = function
        var steps = 0
        while steps < 64 {
            let reason = reasons[current]
            if reason.root != nil { return name(of: current) ?? "sub_" + String(functions.start(current), radix: 16) }
            guard reason.caller >= 0, Int(reason.caller) != current else { return nil }
            current = Int(reason.caller)
            steps += 1
        }
        return nil
    }
}

/// How an extension use was reached.
package enum FlowStanding: String, Sendable, Codable, Equatable {
    case required, dispatched, unknown
}
