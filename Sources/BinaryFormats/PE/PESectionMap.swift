/// Finds the section whose virtual range holds an RVA, with the answer a walk of the section
/// table gives (the first section in table order that contains it) but in logarithmic time, so
/// a table of 65,535 sections (which Windows maps) costs no more per lookup than one of five.
///
/// The sections' start and end addresses cut the address space into elementary ranges. The
/// sections are painted in table order onto the ranges not painted yet, a path-compressed
/// "next unpainted range" link skipping painted ones, so building is O(n log n) for any table,
/// overlapping or not, and a lookup is one binary search.
struct PESectionMap {
    /// Ascending, distinct boundaries: elementary range `i` is `bounds[i]..<bounds[i + 1]`.
    private let bounds: [UInt64]
    /// The index of the section that owns each elementary range, -1 for a gap.
    private let owners: [Int]

    init(_ sections: [PESection]) {
        var points: [UInt64] = []
        points.reserveCapacity(sections.count * 2)
        for section in sections {
            let range = section.virtualRange
            guard !range.isEmpty else { continue }
            points.append(range.lowerBound)
            points.append(range.upperBound)
        }
        points.sort()
        var bounds: [UInt64] = []
        bounds.reserveCapacity(points.count)
        for point in points where bounds.last != point { bounds.append(point) }
        let rangeCount = max(bounds.count - 1, 0)
        var owners = [Int](repeating: -1, count: rangeCount)
        // next[i] == i: range i is unpainted; rangeCount is the end sentinel.
        var next = Array(0...rangeCount)
        func firstUnpainted(from start: Int) -> Int {
            var root = start
            while next[root] != root { root = next[root] }
            var node = start
            while next[node] != root {
                let following = next[node]
                next[node] = root
                node = following
            }
            return root
        }
        for (index, section) in sections.enumerated() {
            let range = section.virtualRange
            guard !range.isEmpty else { continue }
            let last = Self.firstIndex(in: bounds, notBelow: range.upperBound)
            var current = firstUnpainted(from: Self.firstIndex(in: bounds, notBelow: range.lowerBound))
            while current < last {
                owners[current] = index
                next[current] = current + 1
                current = firstUnpainted(from: current + 1)
            }
        }
        self.bounds = bounds
        self.owners = owners
    }

    /// The index (in table order) of the first section whose virtual range contains `rva`.
    func section(containing rva: UInt32) -> Int? {
        let address = UInt64(rva)
        // The elementary range that starts at or below the address.
        let above = Self.firstIndex(in: bounds, above: address)
        let range = above - 1
        guard range >= 0, range < owners.count, owners[range] >= 0 else { return nil }
        return owners[range]
    }

    /// The first index whose bound is at least `value` (`bounds.count` when none is).
    private static func firstIndex(in bounds: [UInt64], notBelow value: UInt64) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if bounds[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose bound is above `value` (`bounds.count` when none is).
    private static func firstIndex(in bounds: [UInt64], above value: UInt64) -> Int {
        var low = 0
        var high = bounds.count
        while low < high {
            let middle = (low + high) / 2
            if bounds[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension PESection {
    /// The addresses the section occupies: VirtualSize bytes from VirtualAddress, or
    /// SizeOfRawData when VirtualSize is 0 (the loader's rule for such sections).
    var virtualRange: Range<UInt64> {
        let start = UInt64(virtualAddress)
        let size = virtualSize != 0 ? virtualSize : sizeOfRawData
        return start..<(start + UInt64(size))
    }
}
