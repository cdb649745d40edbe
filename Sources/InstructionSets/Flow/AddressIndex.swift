/// Finds a function by its start address: the flow analysis asks once for every call, a few
/// million times in a large module.
///
/// Sorted starts with a bucket table over the address span (about one bucket per function), so
/// a lookup reads one bucket's few starts; 16 bytes a function, against 40 for a dictionary.
struct AddressIndex {
    /// Distinct starts, ascending, and the first function index given for each.
    private let starts: [UInt64]
    private let values: [Int32]
    /// `buckets[b]` is the first position in `starts` whose bucket is `b` or later.
    private let buckets: [Int32]
    private let low: UInt64
    private let shift: UInt64

    /// - Parameter starts: function starts by function index; where several functions share a
    ///   start, the first one is found.
    init(_ addresses: [UInt64]) {
        var order = addresses.indices.map { (start: addresses[$0], index: Int32(truncatingIfNeeded: $0)) }
        order.sort { $0.start != $1.start ? $0.start < $1.start : $0.index < $1.index }
        var starts: [UInt64] = []
        var values: [Int32] = []
        starts.reserveCapacity(order.count)
        values.reserveCapacity(order.count)
        for entry in order where starts.last != entry.start {
            starts.append(entry.start)
            values.append(entry.index)
        }
        let low = starts.first ?? 0
        let span = (starts.last ?? 0) - low
        let perBucket = max(1, span / UInt64(max(1, starts.count)))
        let shift = perBucket <= 1 ? 0 : UInt64(64 - (perBucket - 1).leadingZeroBitCount)
        let bucketCount = starts.isEmpty ? 0 : Int(span >> shift) + 1
        var buckets = [Int32](repeating: Int32(starts.count), count: bucketCount + 1)
        var bucket = 0
        for (position, start) in starts.enumerated() {
            let own = Int((start - low) >> shift)
            while bucket <= own {
                buckets[bucket] = Int32(position)
                bucket += 1
            }
        }
        self.starts = starts
        self.values = values
        self.buckets = buckets
        self.low = low
        self.shift = shift
    }

    /// The function index that starts at `address`.
    subscript(address: UInt64) -> Int? {
        guard address >= low, !starts.isEmpty else { return nil }
        let bucket = (address - low) >> shift
        guard bucket < UInt64(buckets.count - 1) else { return nil }
        var lower = Int(buckets[Int(bucket)])
        var upper = Int(buckets[Int(bucket) + 1])
        while lower < upper {
            let middle = (lower + upper) / 2
            if starts[middle] < address { lower = middle + 1 } else { upper = middle }
        }
        return lower < starts.count && starts[lower] == address ? Int(values[lower]) : nil
    }
}
