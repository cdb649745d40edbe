/// Decodes the everyday legacy integer instructions (`mov`, `lea`, ALU operations, `push`,
/// `call`, `jcc`...) without Zydis, into the same `X86Instruction` Zydis gives: they are most of
/// compiled code, and Zydis spends most of the flow analysis's time on them.
///
/// It knows how such an instruction is laid out (prefix 66, REX, opcode, ModRM, SIB,
/// displacement, immediate) but nothing of what it means: every meaning (mnemonic, extension,
/// operand width, immediate size and signedness) is a template taken from the reference decoder
/// for that opcode, operand-size prefix, REX.W, ModRM.reg and register-or-memory form. Before a
/// template is used, the table checks the fast decode against the reference on every ModRM byte
/// with several SIB, displacement, immediate and REX variants, and drops any shape on which
/// they differ. Anything else (other prefixes, SSE/VEX/EVEX, rare opcodes, truncated bytes)
/// goes to the reference decoder.
struct X86FastPath: Sendable {
    /// A slot's state while the table is learnt.
    private struct Template: Sendable {
        var usable = false
        /// Set once a check disagreed: the shape stays with the reference decoder.
        var rejected = false
    }

    let bits: Int
    /// While learning, each slot's state; then nothing.
    private var templates: [Template]
    /// By slot: the template, its immediate size (-1 where the slot is not on the fast path) and
    /// signedness. Flat arrays: a template struct copied per instruction cost more than the decode.
    private var instructions: [X86Instruction] = []
    private var immediateSizes: [Int8] = []
    private var immediateSigned: [Bool] = []
    /// By map and opcode: the fast path reads a ModRM byte after it.
    private let takesModRMByOpcode: [Bool]

    /// Opcodes tried on the fast path, by map (0: one byte, 1: after 0F), and whether they take
    /// a ModRM byte.
    private static let modRMOpcodes: [[UInt8]] = [
        [
            0x00, 0x01, 0x02, 0x03, 0x08, 0x09, 0x0A, 0x0B, 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1A, 0x1B,
            0x20, 0x21, 0x22, 0x23, 0x28, 0x29, 0x2A, 0x2B, 0x30, 0x31, 0x32, 0x33, 0x38, 0x39, 0x3A, 0x3B,
            0x63, 0x69, 0x6B, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8D,
            0xC0, 0xC1, 0xC6, 0xC7, 0xD0, 0xD1, 0xD2, 0xD3, 0xF6, 0xF7, 0xFE, 0xFF,
        ],
        [0x1F, 0xA3, 0xAF, 0xB6, 0xB7, 0xBE, 0xBF] + Array(0x40...0x4F) + Array(0x90...0x9F),
    ]
    private static let plainOpcodes: [[UInt8]] = [
        [
            0x04, 0x05, 0x0C, 0x0D, 0x14, 0x15, 0x1C, 0x1D, 0x24, 0x25, 0x2C, 0x2D, 0x34, 0x35, 0x3C, 0x3D,
            0x68, 0x6A, 0x98, 0x99, 0xA8, 0xA9, 0xC2, 0xC3, 0xC9, 0xCC, 0xE8, 0xE9, 0xEB, 0xF4,
        ] + Array(0x50...0x5F) + Array(0x70...0x7F) + Array(0x90...0x97) + Array(0xB0...0xBF),
        [0x0B] + Array(0x80...0x8F),
    ]

    /// - Parameter reference: the reference decoder (Zydis, as `X86Decoder` wraps it).
    init(bits: Int, reference: (UnsafeRawBufferPointer) -> X86Instruction?) {
        self.bits = bits
        let slots = 2 * 256 * 2 * 2 * 8 * 2
        templates = Array(repeating: Template(), count: slots)
        instructions = Array(repeating: X86Instruction(), count: slots)
        immediateSizes = Array(repeating: -1, count: slots)
        immediateSigned = Array(repeating: false, count: slots)
        var takesModRM = Array(repeating: false, count: 512)
        for (map, opcodes) in Self.modRMOpcodes.enumerated() {
            for opcode in opcodes { takesModRM[map * 256 + Int(opcode)] = true }
        }
        takesModRMByOpcode = takesModRM
        let rexWs: [Bool] = bits == 64 ? [false, true] : [false]
        for map in 0..<2 {
            // In 32-bit code 40-4F are inc/dec, not REX.
            let plain = Self.plainOpcodes[map] + (map == 0 && bits == 32 ? Array(0x40...0x4F) : [])
            for opcode in Self.modRMOpcodes[map] + plain {
                let hasModRM = Self.modRMOpcodes[map].contains(opcode)
                for operandSize in [false, true] {
                    for rexW in rexWs {
                        learn(
                            map: map, opcode: opcode, operandSize: operandSize, rexW: rexW, hasModRM: hasModRM,
                            reference: reference)
                    }
                }
            }
        }
        templates = []
    }

    private static func index(map: Int, opcode: UInt8, operandSize: Bool, rexW: Bool, reg: UInt8, registerForm: Bool)
        -> Int
    {
        ((((map * 256 + Int(opcode)) * 2 + (operandSize ? 1 : 0)) * 2 + (rexW ? 1 : 0)) * 8 + Int(reg)) * 2
            + (registerForm ? 1 : 0)
    }

    /// Takes the templates of one opcode and prefix combination from the reference, then checks
    /// the fast decode against it: every ModRM byte, each SIB form, the sign of displacements
    /// and immediates both ways, and REX.R/X/B folded into every register field.
    private mutating func learn(
        map: Int, opcode: UInt8, operandSize: Bool, rexW: Bool, hasModRM: Bool,
        reference: (UnsafeRawBufferPointer) -> X86Instruction?
    ) {
        // What follows the opcode, ModRM and SIB: all high bits set, then none, so signed and
        // unsigned handling of displacements and immediates differ.
        let negative: [UInt8] = [0x81, 0x92, 0xA3, 0xB4, 0xC5, 0xD6, 0xE7, 0xF8, 0x89, 0x9A, 0xAB, 0xBC, 0xCD, 0xDE]
        let positive: [UInt8] = [0x12, 0x23, 0x34, 0x45, 0x56, 0x67, 0x78, 0x09, 0x1A, 0x2B, 0x3C, 0x4D, 0x5E, 0x6F]
        var buffer = [UInt8](repeating: 0, count: 32)
        func check(rexLow: UInt8, modrm: UInt8?, sib: UInt8?, tail: [UInt8]) {
            var length = 0
            func put(_ byte: UInt8) {
                buffer[length] = byte
                length += 1
            }
            if operandSize { put(0x66) }
            if bits == 64, rexW || rexLow != 0 { put(0x40 | (rexW ? 0x08 : 0) | rexLow) }
            if map == 1 { put(0x0F) }
            put(opcode)
            if let modrm { put(modrm) }
            if let sib { put(sib) }
            for byte in tail { put(byte) }
            let slot = Self.index(
                map: map, opcode: opcode, operandSize: operandSize, rexW: rexW, reg: modrm.map { ($0 >> 3) & 7 } ?? 0,
                registerForm: modrm.map { $0 >> 6 == 3 } ?? false)
            if templates[slot].rejected { return }
            buffer.withUnsafeBytes { whole in
                let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<length])
                let expected = reference(bytes)
                if !templates[slot].usable {
                    // A slot's first check has the negative tail: a signed immediate shows so.
                    guard let expected, expected.immediateSize % 8 == 0 else {
                        templates[slot].rejected = true
                        return
                    }
                    templates[slot].usable = true
                    instructions[slot] = expected
                    immediateSizes[slot] = Int8(expected.immediateSize / 8)
                    immediateSigned[slot] = expected.immediate < 0
                }
                var fast = X86Instruction()
                if !decode(bytes, into: &fast) || expected == nil || fast != expected {
                    templates[slot].rejected = true
                    templates[slot].usable = false
                    immediateSizes[slot] = -1
                }
            }
        }
        guard hasModRM else {
            check(rexLow: 0, modrm: nil, sib: nil, tail: negative)
            check(rexLow: 0, modrm: nil, sib: nil, tail: positive)
            if bits == 64 { check(rexLow: 7, modrm: nil, sib: nil, tail: negative) }
            return
        }
        for modrm in UInt8(0)...UInt8(255) {
            let hasSIB = modrm >> 6 != 3 && modrm & 7 == 4
            check(rexLow: 0, modrm: modrm, sib: hasSIB ? 0x24 : nil, tail: negative)
            if hasSIB {
                // Base 5 (displacement only under mod 0), no index, scaled index.
                for sib: UInt8 in [0x25, 0x00, 0xE5, 0x4C] { check(rexLow: 0, modrm: modrm, sib: sib, tail: negative) }
            }
            // Once per slot and form: the other sign, and REX.R/X/B.
            if modrm & 7 == 0 || modrm & 7 == 4 {
                check(rexLow: 0, modrm: modrm, sib: hasSIB ? 0xE5 : nil, tail: positive)
                if bits == 64 { check(rexLow: 7, modrm: modrm, sib: hasSIB ? 0xE5 : nil, tail: negative) }
            }
        }
    }

    /// Decodes the instruction at the start of `bytes` when its shape is on the fast path.
    func decode(_ bytes: UnsafeRawBufferPointer, into out: inout X86Instruction) -> Bool {
        let count = bytes.count
        var position = 0
        var operandSize = false
        var rex: UInt8 = 0
        guard count > 0 else { return false }
        if bytes[0] == 0x66 {
            operandSize = true
            position = 1
        }
        if bits == 64, position < count, bytes[position] & 0xF0 == 0x40 {
            rex = bytes[position]
            position += 1
        }
        guard position < count else { return false }
        var map = 0
        var opcode = bytes[position]
        position += 1
        if opcode == 0x0F {
            guard position < count else { return false }
            map = 1
            opcode = bytes[position]
            position += 1
        }
        let rexW = rex & 0x08 != 0
        let base = Self.index(
            map: map, opcode: opcode, operandSize: operandSize, rexW: rexW, reg: 0, registerForm: false)
        // A plain opcode's template sits at reg 0, memory form; a ModRM opcode has no template
        // there unless reg 0 is valid, so the ModRM is read first when the opcode takes one.
        let takesModRM = takesModRMByOpcode[map * 256 + Int(opcode)]
        var modrm: UInt8 = 0
        var slot = base
        if takesModRM {
            guard position < count else { return false }
            modrm = bytes[position]
            position += 1
            slot = base + Int((modrm >> 3) & 7) * 2 + (modrm >> 6 == 3 ? 1 : 0)
        }
        let immediateBytes = Int(immediateSizes[slot])
        guard immediateBytes >= 0 else { return false }
        let rexR = (rex >> 2) & 1
        let rexX = (rex >> 1) & 1
        let rexB = rex & 1
        var hasSIB = false
        var sib: UInt8 = 0
        var displacementBytes = 0
        if takesModRM {
            let mod = modrm >> 6
            let rm = modrm & 7
            if mod != 3, rm == 4 {
                guard position < count else { return false }
                hasSIB = true
                sib = bytes[position]
                position += 1
            }
            switch mod {
            case 0: displacementBytes = rm == 5 || (hasSIB && sib & 7 == 5) ? 4 : 0
            case 1: displacementBytes = 1
            case 2: displacementBytes = 4
            default: displacementBytes = 0
            }
        }
        guard position + displacementBytes + immediateBytes <= count else { return false }
        var displacement: Int64 = 0
        if displacementBytes == 1 {
            displacement = Int64(Int8(bitPattern: bytes[position]))
        } else if displacementBytes == 4 {
            displacement = Int64(Int32(truncatingIfNeeded: Self.read(bytes, position, 4)))
        }
        position += displacementBytes
        var immediate: Int64 = 0
        if immediateBytes > 0 {
            let raw = Self.read(bytes, position, immediateBytes)
            if immediateSigned[slot] {
                let shift = UInt64(64 - 8 * immediateBytes)
                immediate = Int64(bitPattern: raw << shift) >> shift
            } else {
                immediate = Int64(bitPattern: raw)
            }
        }
        position += immediateBytes
        // One copy of the template, then the fields this encoding sets.
        out = instructions[slot]
        out.length = position
        out.opcode = opcode
        out.hasModRM = takesModRM
        out.mod = takesModRM ? modrm >> 6 : 0
        out.reg = (takesModRM ? (modrm >> 3) & 7 : 0) | (rexR << 3)
        out.rm = (takesModRM ? modrm & 7 : 0) | (rexB << 3)
        out.hasSIB = hasSIB
        out.sibBase = (hasSIB ? sib & 7 : 0) | (rexB << 3)
        out.sibIndex = (hasSIB ? (sib >> 3) & 7 : 0) | (rexX << 3)
        out.sibScale = hasSIB ? sib >> 6 : 0
        out.displacement = displacement
        out.displacementSize = UInt8(displacementBytes * 8)
        out.immediate = immediate
        out.immediateSize = UInt8(immediateBytes * 8)
        return true
    }

    /// Little-endian value of `width` bytes (1, 2, 4 or 8) at `position`; the caller checked bounds.
    @inline(__always)
    private static func read(_ bytes: UnsafeRawBufferPointer, _ position: Int, _ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        return value
    }

}
