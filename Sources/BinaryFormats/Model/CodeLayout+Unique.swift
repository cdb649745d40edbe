extension CodeRoot {
    /// One root per (address, kind), sorted by address then kind. A named root wins over an
    /// unnamed one (an ELF IRELATIVE addend that is also an IFUNC symbol), and the first name
    /// in order over its aliases (two exports of one function).
    package static func unique(_ roots: [CodeRoot]) -> [CodeRoot] {
        // Strictly ascending addresses (a function table, one root of each) are already the answer.
        if isStrictlyAscending(roots.lazy.map(\.address)) { return roots }
        // Field by field, so the common case (distinct addresses) never builds a string.
        let sorted = roots.sorted { left, right in
            if left.address != right.address { return left.address < right.address }
            if left.kind != right.kind { return left.kind.order < right.kind.order }
            switch (left.name, right.name) {
            case let (left?, right?): return left < right
            case (.some, nil): return true
            default: return false
            }
        }
        var result: [CodeRoot] = []
        result.reserveCapacity(sorted.count)
        for root in sorted where result.last.map({ $0.address != root.address || $0.kind != root.kind }) ?? true {
            result.append(root)
        }
        return result
    }
}

extension CodeRoot.Kind {
    /// The order of kinds at one address: their raw values' order, without comparing strings.
    fileprivate var order: Int {
        switch self {
        case .entry: 0
        case .export: 1
        case .ifuncResolver: 2
        case .initializer: 3
        case .tlsCallback: 4
        }
    }
}

extension ImportSlot {
    /// `slots` sorted by address, then name, without repeated pairs (descriptors that share
    /// one IAT, a GOT slot with both a JUMP_SLOT and a GLOB_DAT relocation).
    package static func unique(_ slots: [ImportSlot]) -> [ImportSlot] {
        // An import address table read in order is already sorted and has no repeats.
        if isStrictlyAscending(slots.lazy.map(\.address)) { return slots }
        // Sorting (address, index) pairs moves no strings; names are compared only on ties.
        var order = slots.indices.map { (address: slots[$0].address, index: $0) }
        order.sort { left, right in
            left.address != right.address
                ? left.address < right.address : slots[left.index].name < slots[right.index].name
        }
        var result: [ImportSlot] = []
        result.reserveCapacity(slots.count)
        for (_, index) in order where result.last != slots[index] {
            result.append(slots[index])
        }
        return result
    }
}

private func isStrictlyAscending<Addresses: Sequence<UInt64>>(_ addresses: Addresses) -> Bool {
    var previous: UInt64?
    for address in addresses {
        if let previous, address <= previous { return false }
        previous = address
    }
    return true
}
