/// The compacted summaries of an image's functions (`FunctionSummary.compact`), as the global
/// analysis keeps them: a fixed-size entry per function, and each kind of record (calls,
/// uses, checks...) in one array for all functions, in function order.
///
/// A large module has 400,000 functions: an array per kind per function cost it 700,000
/// allocations and 35 MB of headers beside the records themselves. The few functions with a
/// real check get their blocks back (`restoreBlocks`), kept on the side.
struct FunctionTable {
    private struct Entry {
        var start: UInt64
        var instructions: Int32
        var bytes: Int32
        /// Where this function's records end in each array (they start where the previous
        /// function's end).
        var callsEnd: UInt32
        var takenEnd: UInt32
        var storesEnd: UInt32
        var guardsEnd: UInt32
        var returnsEnd: UInt32
        var usesEnd: UInt32
        var leavesEnd: UInt32
        var flags: Flags
    }

    private struct Flags: OptionSet {
        let rawValue: UInt8
        /// The function has an entry in `rare`.
        static let rare = Flags(rawValue: 1 << 0)
        static let hasVEXScalar = Flags(rawValue: 1 << 2)
        static let hasVEX = Flags(rawValue: 1 << 3)
        static let hasBitManipulation = Flags(rawValue: 1 << 4)
        static let hasEVEX = Flags(rawValue: 1 << 5)
    }

    private var entries: [Entry] = []
    /// Fields few functions have (thunks, XGETBV, ID register reads), by function index: kept
    /// out of every entry.
    private var rare: [Int: Rare] = [:]

    private struct Rare {
        var thunkSlot: UInt64?
        var jumpThunkTarget: UInt64?
        var xgetbvCount = 0
        var idRegisterReads = 0
    }
    private var allCalls: [Call] = []
    private var allTaken: [AddressTaken] = []
    private var allStores: [GlobalStore] = []
    private var allGuards: [GuardCandidate] = []
    private var allReturns: [ValueSource] = []
    private var allUses: [PackedUse] = []
    /// The uses of functions with one 4 GB or more from their start, or before it: more than
    /// `PackedUse` holds (x86 functions span at most 16 MB, so in practice none).
    private var wideUses: [Int: [BlockUse]] = [:]

    /// A `BlockUse` with its first address as an offset from the function's start (16 bytes,
    /// not 24; a large module has nearly a million).
    fileprivate struct PackedUse {
        var block: Int32
        var extensionID: Int32
        var count: Int32
        var offset: UInt32
    }

    /// One function's extension uses, read as `BlockUse`s.
    struct Uses: RandomAccessCollection {
        fileprivate let packed: ArraySlice<PackedUse>
        /// Used instead of `packed` when present (restored and wide functions).
        fileprivate let wide: ArraySlice<BlockUse>?
        fileprivate let start: UInt64

        var startIndex: Int { 0 }
        var endIndex: Int { wide?.count ?? packed.count }

        subscript(position: Int) -> BlockUse {
            if let wide { return wide[wide.startIndex + position] }
            let use = packed[packed.startIndex + position]
            return BlockUse(
                block: use.block, extensionID: use.extensionID, count: use.count,
                firstAddress: start &+ UInt64(use.offset))
        }
    }
    private var allLeaves: [UInt32?] = []
    /// The functions `restoreBlocks` decoded again, whole; every other function is one block.
    private var restored: [Int: FunctionSummary] = [:]
    private var restoredCalls: [Int: [Call]] = [:]

    /// A `CallSite` as the analysis reads it: without the call's own address (24 bytes, not 32;
    /// a large module has over a million).
    struct Call {
        var block: Int32
        var isTailJump: Bool
        private var kind: UInt8
        private var value: UInt64
        private var argument: UInt64

        init(_ call: CallSite) {
            block = call.block
            isTailJump = call.isTailJump
            argument = call.dataArgument ?? UInt64.max
            switch call.target {
            case .direct(let address): (kind, value) = (0, address)
            case .slot(let slot): (kind, value) = (1, slot)
            case .indirect: (kind, value) = (2, 0)
            }
        }

        var target: CallSite.Target {
            switch kind {
            case 0: .direct(value)
            case 1: .slot(value)
            default: .indirect
            }
        }

        var dataArgument: UInt64? { argument == UInt64.max ? nil : argument }
    }

    var count: Int { entries.count }
    var indices: Range<Int> { entries.indices }

    /// Record counts past which an image's functions are not all kept (the arrays index by UInt32).
    static let maxRecords = Int(UInt32.max)

    /// How many records of each kind a table (or a summary) holds.
    private struct RecordCounts {
        var calls, taken, stores, guards, returns, uses, leaves: Int
    }

    private var recordCounts: RecordCounts {
        RecordCounts(
            calls: allCalls.count, taken: allTaken.count, stores: allStores.count, guards: allGuards.count,
            returns: allReturns.count, uses: allUses.count, leaves: allLeaves.count)
    }

    /// Whether `added` more records of each kind still index by UInt32.
    private func hasRoom(for added: RecordCounts) -> Bool {
        let now = recordCounts
        return now.calls + added.calls < Self.maxRecords && now.taken + added.taken < Self.maxRecords
            && now.stores + added.stores < Self.maxRecords && now.guards + added.guards < Self.maxRecords
            && now.returns + added.returns < Self.maxRecords && now.uses + added.uses < Self.maxRecords
            && now.leaves + added.leaves < Self.maxRecords
    }

    /// Appends a compacted summary; false (and nothing appended) when a record array is full.
    @discardableResult
    mutating func append(_ summary: FunctionSummary) -> Bool {
        let added = RecordCounts(
            calls: summary.calls.count, taken: summary.addressesTaken.count, stores: summary.stores.count,
            guards: summary.guards.count, returns: summary.returnSources.count, uses: summary.uses.count,
            leaves: summary.cpuidLeaves.count)
        guard hasRoom(for: added) else { return false }
        allCalls += summary.calls.map(Call.init)
        allTaken += summary.addressesTaken
        allStores += summary.stores
        allGuards += summary.guards
        allReturns += summary.returnSources
        let packed = summary.uses.compactMap { use -> PackedUse? in
            guard use.firstAddress >= summary.start, use.firstAddress - summary.start < UInt64(UInt32.max) else {
                return nil
            }
            return PackedUse(
                block: use.block, extensionID: use.extensionID, count: use.count,
                offset: UInt32(use.firstAddress - summary.start))
        }
        if packed.count == summary.uses.count {
            allUses += packed
        } else {
            wideUses[entries.count] = summary.uses
        }
        allLeaves += summary.cpuidLeaves
        var flags: Flags = []
        if summary.thunkSlot != nil || summary.jumpThunkTarget != nil || summary.xgetbvCount > 0
            || summary.idRegisterReads > 0
        {
            flags.insert(.rare)
            rare[entries.count] = Rare(
                thunkSlot: summary.thunkSlot, jumpThunkTarget: summary.jumpThunkTarget,
                xgetbvCount: summary.xgetbvCount, idRegisterReads: summary.idRegisterReads)
        }
        if summary.hasVEXScalar { flags.insert(.hasVEXScalar) }
        if summary.hasVEX { flags.insert(.hasVEX) }
        if summary.hasBitManipulation { flags.insert(.hasBitManipulation) }
        if summary.hasEVEX { flags.insert(.hasEVEX) }
        entries.append(
            Entry(
                start: summary.start, instructions: Int32(clamping: summary.instructions),
                bytes: Int32(clamping: summary.bytes),
                callsEnd: UInt32(allCalls.count), takenEnd: UInt32(allTaken.count), storesEnd: UInt32(allStores.count),
                guardsEnd: UInt32(allGuards.count), returnsEnd: UInt32(allReturns.count),
                usesEnd: UInt32(allUses.count),
                leavesEnd: UInt32(allLeaves.count), flags: flags))
        return true
    }

    /// Appends every function of `other` (a chunk's table), in order.
    mutating func append(contentsOf other: FunctionTable) {
        guard !other.entries.isEmpty else { return }
        guard hasRoom(for: other.recordCounts) else { return }
        let base = (
            UInt32(allCalls.count), UInt32(allTaken.count), UInt32(allStores.count), UInt32(allGuards.count),
            UInt32(allReturns.count), UInt32(allUses.count), UInt32(allLeaves.count)
        )
        let offset = entries.count
        for var entry in other.entries {
            entry.callsEnd += base.0
            entry.takenEnd += base.1
            entry.storesEnd += base.2
            entry.guardsEnd += base.3
            entry.returnsEnd += base.4
            entry.usesEnd += base.5
            entry.leavesEnd += base.6
            entries.append(entry)
        }
        allCalls += other.allCalls
        allTaken += other.allTaken
        allStores += other.allStores
        allGuards += other.allGuards
        allReturns += other.allReturns
        allUses += other.allUses
        allLeaves += other.allLeaves
        for (index, whole) in other.restored { restored[index + offset] = whole }
        for (index, calls) in other.restoredCalls { restoredCalls[index + offset] = calls }
        for (index, uses) in other.wideUses { wideUses[index + offset] = uses }
        for (index, fields) in other.rare { rare[index + offset] = fields }
    }

    /// Room for `tables` and a `spare` share more, so appending them (and later rounds' few
    /// functions) does not reallocate arrays of a hundred MB.
    mutating func reserve(for tables: [FunctionTable], spare: Double = 0) {
        func room<Element>(_ array: inout [Element], _ count: (FunctionTable) -> Int) {
            let added = tables.reduce(0) { $0 + count($1) }
            array.reserveCapacity(array.count + added + Int(Double(added) * spare))
        }
        room(&entries) { $0.entries.count }
        room(&allCalls) { $0.allCalls.count }
        room(&allTaken) { $0.allTaken.count }
        room(&allStores) { $0.allStores.count }
        room(&allGuards) { $0.allGuards.count }
        room(&allReturns) { $0.allReturns.count }
        room(&allUses) { $0.allUses.count }
        room(&allLeaves) { $0.allLeaves.count }
    }

    /// Puts back the blocks of function `index` from `whole`, the same function decoded again
    /// without compaction: the same records in the same order, with their block indices. It
    /// is kept on the side (the shared arrays are not written: a copy of any of them would cost
    /// tens of MB). False (nothing changed) when `whole` is not that function.
    @discardableResult
    mutating func restoreBlocks(_ index: Int, from whole: FunctionSummary) -> Bool {
        guard entries.indices.contains(index), whole.start == entries[index].start,
            calls(index).count == whole.calls.count, addressesTaken(index).count == whole.addressesTaken.count,
            stores(index).count == whole.stores.count, guards(index).count == whole.guards.count,
            uses(index).count == whole.uses.count
        else { return false }
        restored[index] = whole
        restoredCalls[index] = whole.calls.map(Call.init)
        return true
    }

    // MARK: - Fields

    @inline(__always)
    private func range(_ index: Int, _ end: (Entry) -> UInt32) -> Range<Int> {
        let upper = Int(end(entries[index]))
        let lower = index == 0 ? 0 : Int(end(entries[index - 1]))
        return lower..<max(lower, upper)
    }

    /// A kind of record of function `index`: from the whole summary when it was restored.
    @inline(__always)
    private func records<Record>(
        _ index: Int, _ all: [Record], _ end: (Entry) -> UInt32, _ whole: (FunctionSummary) -> [Record]
    ) -> ArraySlice<Record> {
        if !restored.isEmpty, let summary = restored[index] { return whole(summary)[...] }
        return all[range(index, end)]
    }

    func start(_ index: Int) -> UInt64 { entries[index].start }
    private func rareFields(_ index: Int) -> Rare? { entries[index].flags.contains(.rare) ? rare[index] : nil }
    func thunkSlot(_ index: Int) -> UInt64? { rareFields(index)?.thunkSlot }
    func jumpThunkTarget(_ index: Int) -> UInt64? { rareFields(index)?.jumpThunkTarget }
    func instructions(_ index: Int) -> Int { Int(entries[index].instructions) }
    func bytes(_ index: Int) -> Int { Int(entries[index].bytes) }
    func xgetbvCount(_ index: Int) -> Int { rareFields(index)?.xgetbvCount ?? 0 }
    func idRegisterReads(_ index: Int) -> Int { rareFields(index)?.idRegisterReads ?? 0 }
    func hasVEXScalar(_ index: Int) -> Bool { entries[index].flags.contains(.hasVEXScalar) }
    func hasVEX(_ index: Int) -> Bool { entries[index].flags.contains(.hasVEX) }
    func hasBitManipulation(_ index: Int) -> Bool { entries[index].flags.contains(.hasBitManipulation) }
    func hasEVEX(_ index: Int) -> Bool { entries[index].flags.contains(.hasEVEX) }

    func calls(_ index: Int) -> ArraySlice<Call> {
        if !restored.isEmpty, let calls = restoredCalls[index] { return calls[...] }
        return allCalls[range(index, { $0.callsEnd })]
    }
    func addressesTaken(_ index: Int) -> ArraySlice<AddressTaken> {
        records(index, allTaken, { $0.takenEnd }, { $0.addressesTaken })
    }
    func stores(_ index: Int) -> ArraySlice<GlobalStore> { records(index, allStores, { $0.storesEnd }, { $0.stores }) }
    func guards(_ index: Int) -> ArraySlice<GuardCandidate> {
        records(index, allGuards, { $0.guardsEnd }, { $0.guards })
    }
    func returnSources(_ index: Int) -> ArraySlice<ValueSource> { allReturns[range(index, { $0.returnsEnd })] }
    func uses(_ index: Int) -> Uses {
        let packed = allUses[range(index, { $0.usesEnd })]
        var wide: ArraySlice<BlockUse>?
        if !restored.isEmpty, let summary = restored[index] { wide = summary.uses[...] }
        if wide == nil, !wideUses.isEmpty, let uses = wideUses[index] { wide = uses[...] }
        return Uses(packed: packed, wide: wide, start: entries[index].start)
    }
    func cpuidLeaves(_ index: Int) -> ArraySlice<UInt32?> { allLeaves[range(index, { $0.leavesEnd })] }
    /// The function's blocks; none (all of it is block 0) unless they were restored.
    func blocks(_ index: Int) -> [BasicBlock] { restored[index]?.blocks ?? [] }
    /// Where function `index`'s check candidates sit among all functions' (positions stay put
    /// when its blocks are restored): per-check facts can be one flat array.
    func guardPositions(_ index: Int) -> Range<Int> { range(index, { $0.guardsEnd }) }
    var guardCount: Int { allGuards.count }

    /// The `guardIndex`-th check candidate of function `index`.
    func guardCandidate(_ index: Int, _ guardIndex: Int) -> GuardCandidate {
        let guards = guards(index)
        return guards[guards.startIndex + guardIndex]
    }

    var hasCPUID: Bool { !allLeaves.isEmpty }
    var hasXGETBV: Bool { rare.values.contains { $0.xgetbvCount > 0 } }
    var hasIDRegisterRead: Bool { rare.values.contains { $0.idRegisterReads > 0 } }
}
