extension FunctionSummary {
    /// Makes the summary what the analysis keeps of it, and returns its instruction ranges,
    /// merged (what the linear sweep skips). A function without guard candidates keeps no
    /// blocks, with every block index moved to 0: without a check, every block a function
    /// reaches runs whenever its entry does, so the block structure says nothing more, and a
    /// large module has millions of blocks.
    mutating func compact() -> [Range<UInt64>] {
        let covered = FlowDecoding.merge(blocks.map { $0.start..<$0.end })
        defer {
            // Appending leaves up to half of an array unused; the analysis keeps every summary.
            Self.trim(&calls)
            Self.trim(&uses)
            Self.trim(&blocks)
        }
        guard guards.isEmpty else { return covered }
        // Not even block 0 is kept: an array of one block for each of a module's functions
        // costs more than the block (`FlowAnalysis.blockStates` reads no blocks as block 0).
        blocks = []
        for index in calls.indices { calls[index].block = 0 }
        for index in addressesTaken.indices { addressesTaken[index].block = 0 }
        for index in stores.indices { stores[index].block = 0 }
        for index in uses.indices { uses[index].block = 0 }
        return covered
    }

    private static func trim<Element>(_ array: inout [Element]) {
        guard array.capacity - array.count > 4 else { return }
        var exact: [Element] = []
        exact.reserveCapacity(array.count)
        exact.append(contentsOf: array)
        array = exact
    }
}
