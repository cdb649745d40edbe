extension CodeRoot {
    /// One root per (address, kind), sorted by address then kind. A named root wins over an
    /// unnamed one (an ELF IRELATIVE addend that is also an IFUNC symbol), and the first name
    /// in order over its aliases (two exports of one function).
    package static func unique(_ roots: [CodeRoot]) -> [CodeRoot] {
        // Field by field, so the common case (distinct addresses) never builds a string.
        let sorted = roots.sorted { left, right in
            if left.address != right.address { return left.address < right.address }
            if left.kind != right.kind { return left.kind.rawValue < right.kind.rawValue }
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

extension ImportSlot {
    /// `slots` sorted by address, then name, without repeated pairs (descriptors that share
    /// one IAT, a GOT slot with both a JUMP_SLOT and a GLOB_DAT relocation).
    package static func unique(_ slots: [ImportSlot]) -> [ImportSlot] {
        var result: [ImportSlot] = []
        result.reserveCapacity(slots.count)
        for slot in slots.sorted(by: { ($0.address, $0.name) < ($1.address, $1.name) }) where result.last != slot {
            result.append(slot)
        }
        return result
    }
}
