/// What `AArch64FunctionDecoder` knows about one general-purpose register inside a block.
struct AArch64Value: Equatable {
    /// Where the bits came from (a fixed-address load, an ID-register read, a call's result).
    var source: ValueSource = .unknown
    /// The register's exact value, when constant: an `adrp` page, an `adr`/`add` address, a
    /// `mov` immediate.
    var known: UInt64?
    /// The bits of `source` the register still depends on after `and`/`ubfx`, in the source's
    /// bit positions (nil: all of them).
    var mask: UInt64?
    /// Source bit = register bit + `shift` (after `lsr`, `ubfx`, `lsl`); nil once an operation
    /// the decoder does not follow moved the bits.
    var shift: Int? = 0
    /// The register holds the complement (`mvn`) of the source bits: a test's polarity flips.
    var inverted = false
    /// The fixed address this register's 64-bit value was loaded from: a pointer slot (GOT,
    /// IAT, literal), so a load through it reads the global the slot points to.
    var loadedFrom: UInt64?

    static let unknown = AArch64Value()

    static func constant(_ value: UInt64) -> AArch64Value { AArch64Value(known: value) }

    /// The register's bit mask `registerBits` in the source's bit positions.
    func sourceBits(_ registerBits: UInt64) -> UInt64? {
        guard let shift, shift > -64, shift < 64 else { return nil }
        return shift >= 0 ? registerBits << UInt64(shift) : registerBits >> UInt64(-shift)
    }

    /// This value with only `sourceBits` of the source still mattering.
    func masked(_ sourceBits: UInt64?) -> AArch64Value {
        var copy = self
        switch (mask, sourceBits) {
        case (let old?, let new?): copy.mask = old & new
        case (nil, let new?): copy.mask = new
        default: break
        }
        return copy
    }

    /// The source tracked through a data operation (`and`, `lsr`, `mvn`): the exact value and
    /// the pointer slot no longer hold.
    var derived: AArch64Value {
        var copy = self
        copy.known = nil
        copy.loadedFrom = nil
        return copy
    }
}

/// The flags as the last flag-setting instruction left them, when it tested a tracked value.
struct AArch64Flags: Equatable {
    enum Kind: Equatable {
        /// `tst`/`ands`: Z is set when the masked bits are all zero.
        case test
        /// `cmp`/`subs` against `constant` (nil: against another register).
        case compare
    }

    var kind: Kind
    var value: AArch64Value
    /// `test`: the mask in the source's bit positions; `compare`: the level compared with.
    var constant: UInt64?
}

/// The 31 general-purpose registers (x0...x30; w aliases share them) and the flags of one block.
/// Register 31 reads as unknown (XZR or SP, neither tracked) and writes to it are dropped.
struct AArch64RegisterFile {
    private var registers = [AArch64Value](repeating: .unknown, count: 31)
    var flags: AArch64Flags?

    subscript(register: Int) -> AArch64Value {
        get { register >= 0 && register < 31 ? registers[register] : .unknown }
        set { if register >= 0 && register < 31 { registers[register] = newValue } }
    }

    mutating func reset() {
        for index in registers.indices { registers[index] = .unknown }
        flags = nil
    }

    /// A call: x0 holds the result, x1...x18 and x30 are the callee's (AAPCS64 caller-saved),
    /// the flags are not preserved.
    mutating func call(result: ValueSource) {
        for index in 1...18 { registers[index] = .unknown }
        registers[30] = .unknown
        registers[0] = AArch64Value(source: result)
        flags = nil
    }
}
