/// MSVC `switch` tables inside x86/x64 code sections.
///
/// MSVC puts a switch's jump table, and the byte index table of a sparse switch, right after
/// the function's code, inside the code section; a linear decode reads their entries as
/// instructions (arrow.dll's `ToString` tables decode as x87 `fmul`). The dispatch that reads
/// a table names its address: `mov r32, [base + index*4 + table]` in x64, whose tables hold
/// RVAs, and `jmp [index*4 + table]` in x86, whose tables hold absolute addresses (and
/// `movzx r32, byte [... + table]` for index tables in both). `X86Scanner` notes each such
/// reference here and steps over the table when its decode gets there.
struct X86JumpTables {
    /// Subtracted from a table's displacement and from its entries to get addresses of the
    /// scan: 0 for x64 (RVAs), the image base for x86.
    let addressBias: UInt64
    /// Jump-table entries are case labels of the same function: further than this from the
    /// table, an entry is not one (the table has ended).
    static let entryReach: UInt64 = 1 << 20
    /// References kept at most: a hostile file cannot grow the sorted list (and the cost of
    /// inserting into it) without bound.
    static let maxPending = 4096
    /// An index table holds one byte per case value; MSVC keeps it under 256 entries.
    static let indexTableReach: UInt64 = 256

    /// Table addresses noted and not yet stepped over, sorted, with their entry size.
    private var addresses: [UInt64] = []
    private var entrySizes: [UInt64: Int] = [:]
    /// The last jump table stepped over: where it ended and how many entries it had (they
    /// bound an index table that starts right there).
    private var lastJumpTable: (end: UInt64, entries: Int) = (0, 0)

    init(addressBias: UInt64) {
        self.addressBias = addressBias
    }

    /// Notes a table read through `displacement`, with entries of `entrySize` bytes (4 or 1),
    /// by the instruction at `instructionAddress`. Only tables after the instruction and
    /// within `entryReach` of it are kept: MSVC puts them after the function's code.
    /// - Returns: the table's address, or nil when the displacement cannot be one.
    @discardableResult
    mutating func noteReference(displacement: UInt64, entrySize: Int, instructionAddress: UInt64) -> UInt64? {
        let (address, borrow) = displacement.subtractingReportingOverflow(addressBias)
        guard !borrow, address > instructionAddress, address - instructionAddress < Self.entryReach,
            entrySizes[address] == nil, addresses.count < Self.maxPending
        else { return nil }
        entrySizes[address] = entrySize
        addresses.insert(address, at: firstIndex(atOrAfter: address))
        return address
    }

    /// The first noted table in `start..<end`.
    func nextTable(from start: UInt64, before end: UInt64) -> UInt64? {
        let index = firstIndex(atOrAfter: start)
        guard index < addresses.count, addresses[index] < end else { return nil }
        return addresses[index]
    }

    /// Steps over the table at `address`, which lies in `bytes` (whose first byte is at
    /// `bytesAddress`). A jump table is at least two entries, each an address within
    /// `entryReach` of the table. An index table is stepped over only where its extent is
    /// known: right after a jump table (up to the first byte that is not an index into it), or
    /// right before a noted jump table (up to that table). A reference that turns out to name
    /// no table (an ordinary indexed load whose displacement happens to land in code) steps
    /// over nothing.
    /// - Returns: the table's length in bytes; 0 when there is none.
    mutating func step(over address: UInt64, in bytes: UnsafeRawBufferPointer, bytesAddress: UInt64) -> Int {
        let entrySize = entrySizes.removeValue(forKey: address) ?? 1
        let index = firstIndex(atOrAfter: address)
        if index < addresses.count, addresses[index] == address { addresses.remove(at: index) }
        guard address >= bytesAddress, address - bytesAddress < UInt64(bytes.count) else { return 0 }
        let offset = Int(address - bytesAddress)
        var length = 0
        if entrySize == 4 {
            while offset + length + 4 <= bytes.count {
                let entry = UInt64(
                    UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + length, as: UInt32.self)))
                let (target, borrow) = entry.subtractingReportingOverflow(addressBias)
                let distance = target > address ? target - address : address - target
                guard !borrow, distance < Self.entryReach else { break }
                length += 4
            }
            guard length >= 8 else { return 0 }
            lastJumpTable = (address + UInt64(length), length / 4)
        } else if lastJumpTable.end == address, lastJumpTable.entries > 0 {
            while offset + length < bytes.count, Int(bytes[offset + length]) < lastJumpTable.entries { length += 1 }
        } else if let next = nextTable(from: address + 1, before: address + Self.indexTableReach), entrySizes[next] == 4
        {
            length = min(Int(next - address), bytes.count - offset)
        }
        return length
    }

    private func firstIndex(atOrAfter address: UInt64) -> Int {
        var low = 0
        var high = addresses.count
        while low < high {
            let middle = (low + high) / 2
            if addresses[middle] < address { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
