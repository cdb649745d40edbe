extension FunctionSummary {
    /// Makes the summary what the analysis keeps of it, and returns its instruction ranges,
    /// merged (what the linear sweep skips). No blocks are kept, and every block index moves
    /// to 0: without a real feature check every block a function reaches runs whenever its
    /// entry does, so the block structure says nothing more, and a large module has millions
    /// of blocks. The few functions whose checks turn out real are decoded again, whole
    /// (`FlowAnalysis.init`'s `decodeWhole`): which checks are real is known only once every
    /// function is summarised, and keeping the blocks of every function with a candidate cost a
    /// large module 100 MB.
    mutating func compact() -> [Range<UInt64>] {
        let covered = FlowDecoding.merge(blocks.map { $0.start..<$0.end })
        blocks = []
        for index in calls.indices { calls[index].block = 0 }
        for index in addressesTaken.indices { addressesTaken[index].block = 0 }
        for index in stores.indices { stores[index].block = 0 }
        for index in uses.indices { uses[index].block = 0 }
        for index in guards.indices { guards[index].block = 0 }
        // Not trimmed: `FunctionTable.append` copies the records out and the summary goes.
        return covered
    }

    /// Appending leaves up to half of an array unused: for a summary that is kept whole.
    mutating func trimmed() {
        Self.trim(&calls)
        Self.trim(&uses)
        Self.trim(&blocks)
        Self.trim(&guards)
    }

    private static func trim<Element>(_ array: inout [Element]) {
        guard array.capacity - array.count > 4 else { return }
        var exact: [Element] = []
        exact.reserveCapacity(array.count)
        exact.append(contentsOf: array)
        array = exact
    }
}
