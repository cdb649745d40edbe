/// The bitmask immediate of A64 logical instructions (`and`, `orr`, `eor`, `ands`/`tst` with
/// `#imm`): DDI 0487 pseudocode `DecodeBitMasks` for the "wmask" result.
enum AArch64LogicalImmediate {
    /// nil for the reserved encodings (element size 1, all-ones element, N set in 32-bit form).
    static func decode(n: UInt32, immr: UInt32, imms: UInt32, is64: Bool) -> UInt64? {
        let combined = (n & 1) << 6 | (~imms & 0x3F)
        guard combined != 0 else { return nil }
        let length = 31 - combined.leadingZeroBitCount
        guard length >= 1, is64 || n & 1 == 0 else { return nil }
        let size = 1 << length
        let levels = UInt32(size - 1)
        let ones = imms & levels
        let rotation = UInt64(immr & levels)
        guard ones != levels else { return nil }
        let element: UInt64 = (1 << UInt64(ones + 1)) - 1
        let sizeMask: UInt64 = size == 64 ? ~0 : (1 << UInt64(size)) - 1
        // Swift's `<<`/`>>` give 0 for over-long shifts, so rotation 0 needs no special case.
        var result = ((element >> rotation) | (element << (UInt64(size) - rotation))) & sizeMask
        var width = size
        while width < 64 {
            result |= result << UInt64(width)
            width *= 2
        }
        return is64 ? result : result & 0xFFFF_FFFF
    }
}
