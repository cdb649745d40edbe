extension FunctionSummary {
    /// Makes the summary what the analysis keeps of it, and returns its instruction ranges,
    /// merged (what the linear sweep skips). A function without guard candidates keeps one block, with every block index moved
    /// to it: without a check, every block a function reaches runs whenever its entry does, so
    /// the block structure says nothing more, and a large module has millions of blocks.
    mutating func compact() -> [Range<UInt64>] {
        let covered = FlowDecoding.merge(blocks.map { $0.start..<$0.end })
        defer {
            // Appending leaves up to half of an array unused; the analysis keeps every summary.
            Self.trim(&calls)
            Self.trim(&uses)
            Self.trim(&blocks)
        }
        guard guards.isEmpty, blocks.count > 1 else { return covered }
        blocks = [BasicBlock(start: blocks[0].start, end: blocks[0].end)]
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
