internal import CZydis

/// Decodes x86 and x64 code (`X86Decoder`: the fast path, then Zydis) and counts the ISA
/// extensions it uses.
///
/// This is the only file that touches Zydis (`X86Decoder` below hands the sweep and the flow
/// analysis the few raw fields they read). The decoder runs in `ZYDIS_DECODER_MODE_MINIMAL`
/// through `ZydisDecoderDecodeInstruction` without operands: the instruction's `meta.isa_set`,
/// its mnemonic, its length and its raw ModRM/SIB/displacement are all the profile needs. One
/// scanner is made per analysis. With `jumpTables` set (PE code), MSVC switch tables between
/// instructions are stepped over rather than decoded (`X86JumpTables`).
struct X86Scanner {
    private var decoder: X86Decoder
    private(set) var tally: ISATally
    private(set) var cpuid = 0
    private(set) var xgetbv = 0
    private(set) var failures = 0
    private let bits: Int
    var jumpTables: X86JumpTables?

    /// - Parameter bits: 32 for x86 code, 64 for x64 code.
    init?(bits: Int, examplesPerExtension: Int) {
        guard let decoder = X86Decoder(bits: bits) else { return nil }
        self.decoder = decoder
        self.bits = bits
        tally = ISATally(
            architecture: .x86, names: X86ScanTable.shared.names, examplesPerExtension: examplesPerExtension)
    }

    /// Decodes `bytes` front to back, skipping one byte after each position that does not decode.
    ///
    /// - Parameters:
    ///   - address: the address of `bytes[0]`.
    ///   - inFunction: the bytes are a function from the binary's own table (else a linear sweep).
    mutating func scan(_ bytes: UnsafeRawBufferPointer, address: UInt64, inFunction: Bool) {
        var common = X86Instruction()
        var offset = 0
        let count = bytes.count
        let end = address &+ UInt64(count)
        var nextTable = jumpTables?.nextTable(from: address, before: end)
        while offset < count {
            if let tableAddress = nextTable, tableAddress <= address &+ UInt64(offset) {
                let skipped = jumpTables?.step(over: tableAddress, in: bytes, bytesAddress: address) ?? 0
                if skipped > 0 {
                    // A decoded instruction may have run into the table's first bytes: the
                    // decode resumes after the table, not after that instruction.
                    offset = Int(tableAddress - address) + skipped
                }
                nextTable = jumpTables?.nextTable(from: address &+ UInt64(offset), before: end)
                continue
            }
            guard decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[offset...]), into: &common) else {
                failures &+= 1
                offset &+= 1
                continue
            }
            let here = address &+ UInt64(offset)
            if jumpTables != nil, let reference = tableReference(common),
                let noted = jumpTables?.noteReference(
                    displacement: reference.displacement, entrySize: reference.entrySize, instructionAddress: here),
                noted > here, noted < end, noted < nextTable ?? UInt64.max
            {
                nextTable = noted
            }
            switch common.kind {
            case .cpuid: cpuid &+= 1
            case .xgetbv: xgetbv &+= 1
            default:
                if common.first >= 0 {
                    tally.record(Int(common.first), address: here, inFunction: inFunction)
                    if common.second >= 0 { tally.record(Int(common.second), address: here, inFunction: inFunction) }
                }
            }
            offset &+= common.length
        }
    }

    /// The displacement and entry size (4 for a jump table, 1 for an index table) of an
    /// MSVC switch dispatch's table read (see `X86JumpTables`); nil for other instructions.
    private func tableReference(_ instruction: X86Instruction) -> (displacement: UInt64, entrySize: Int)? {
        guard instruction.displacementSize == 32, instruction.hasModRM else { return nil }
        let mod = instruction.mod
        let rm = instruction.rm & 7
        let mnemonic = instruction.mnemonic
        var entrySize = 0
        if bits == 64, mod == 2, rm == 4 {
            // mov r32, [base + index*4 + rva] / movzx r32, byte [base + index + rva]
            if mnemonic == Int(ZYDIS_MNEMONIC_MOV.rawValue), instruction.sibScale == 2 { entrySize = 4 }
            if mnemonic == Int(ZYDIS_MNEMONIC_MOVZX.rawValue), instruction.sibScale == 0 { entrySize = 1 }
        } else if bits == 32 {
            // jmp [index*4 + address] / movzx r32, byte [index + address]
            if mnemonic == Int(ZYDIS_MNEMONIC_JMP.rawValue), mod == 0, rm == 4, instruction.sibBase & 7 == 5,
                instruction.sibScale == 2
            {
                entrySize = 4
            }
            if mnemonic == Int(ZYDIS_MNEMONIC_MOVZX.rawValue), mod == 2, rm != 4 { entrySize = 1 }
        }
        guard entrySize > 0 else { return nil }
        return (UInt64(UInt32(truncatingIfNeeded: instruction.displacement)), entrySize)
    }
}

/// One decoded instruction, as the flow analysis (`X86FunctionDecoder`) reads it: Zydis's raw
/// encoding fields, no operands.
struct X86Instruction: Equatable {
    var length = 0
    var mnemonic = 0
    /// `X86ScanTable` extension ids (`-1` none) and the mnemonic's class.
    var first: Int16 = -1
    var second: Int16 = -1
    var kind = X86Kind.other
    /// Opcode map: 0 default, 1 `0F`, 2 `0F38`, 3 `0F3A`, more for VEX/EVEX maps.
    var map: UInt8 = 0
    var opcode: UInt8 = 0
    var isVEX = false
    var isEVEX = false
    var hasModRM = false
    var mod: UInt8 = 0
    /// ModRM reg and rm with REX.R/REX.B folded in (legacy encodings).
    var reg: UInt8 = 0
    var rm: UInt8 = 0
    var hasSIB = false
    /// SIB base and index with REX.B/REX.X folded in, and the raw scale field.
    var sibBase: UInt8 = 0
    var sibIndex: UInt8 = 0
    var sibScale: UInt8 = 0
    var displacement: Int64 = 0
    var displacementSize: UInt8 = 0
    var immediate: Int64 = 0
    var immediateSize: UInt8 = 0
    var immediateIsRelative = false
    var operandWidth: UInt8 = 0
}

/// What the flow analysis needs to know about a mnemonic.
enum X86Kind: UInt8 {
    case other, mov, movzx, movsx, lea, test, cmp, bt, and, call, jmp, jcc, loopLike, cmov, setcc, ret
    case trap, cpuid, xgetbv, noFlags, xor, shift, not, or
}

/// Zydis in minimal mode, for the flow analysis, behind `X86FastPath` for the common
/// instructions.
struct X86Decoder {
    private var decoder = ZydisDecoder()
    private var instruction = ZydisDecodedInstruction()
    private let table = X86ScanTable.shared
    private let fast: X86FastPath?

    /// - Parameter fastPath: try `X86FastPath` first (off only for the fast path's own reference).
    init?(bits: Int, fastPath: Bool = true) {
        let mode = bits == 64 ? ZYDIS_MACHINE_MODE_LONG_64 : ZYDIS_MACHINE_MODE_LONG_COMPAT_32
        let width = bits == 64 ? ZYDIS_STACK_WIDTH_64 : ZYDIS_STACK_WIDTH_32
        guard ZydisDecoderInit(&decoder, mode, width) & 0x8000_0000 == 0 else { return nil }
        _ = ZydisDecoderEnableMode(&decoder, ZYDIS_DECODER_MODE_MINIMAL, 1)
        fast = fastPath ? (bits == 64 ? X86FastPath.checked64 : X86FastPath.checked32) : nil
    }

    /// Decodes the instruction at the start of `bytes` into `out`; false when it does not decode.
    mutating func decode(_ bytes: UnsafeRawBufferPointer, into out: inout X86Instruction) -> Bool {
        if let fast, fast.decode(bytes, into: &out) { return true }
        return decodeWithZydis(bytes, into: &out)
    }

    /// Zydis alone.
    mutating func decodeWithZydis(_ bytes: UnsafeRawBufferPointer, into out: inout X86Instruction) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        let status = ZydisDecoderDecodeInstruction(&decoder, nil, base, ZyanUSize(bytes.count), &instruction)
        guard status & 0x8000_0000 == 0, instruction.length > 0 else { return false }
        out.length = Int(instruction.length)
        let mnemonic = Int(instruction.mnemonic.rawValue)
        out.mnemonic = mnemonic
        out.kind = mnemonic < table.kinds.count ? table.kinds[mnemonic] : .other
        out.first = -1
        out.second = -1
        let special = mnemonic < table.mnemonicOverride.count ? table.mnemonicOverride[mnemonic] : X86ScanTable.none
        if special >= 0 {
            out.first = special
        } else if special == X86ScanTable.none {
            let set = Int(instruction.meta.isa_set.rawValue)
            if set < table.first.count {
                out.first = table.first[set]
                out.second = table.second[set]
            }
        }
        out.map = UInt8(truncatingIfNeeded: instruction.opcode_map.rawValue)
        out.opcode = instruction.opcode
        out.isVEX = instruction.encoding == ZYDIS_INSTRUCTION_ENCODING_VEX
        out.isEVEX = instruction.encoding == ZYDIS_INSTRUCTION_ENCODING_EVEX
        let raw = instruction.raw
        let legacy = instruction.encoding == ZYDIS_INSTRUCTION_ENCODING_LEGACY
        let rexR: UInt8 = legacy ? raw.rex.R : 0
        let rexB: UInt8 = legacy ? raw.rex.B : 0
        let rexX: UInt8 = legacy ? raw.rex.X : 0
        out.hasModRM = raw.modrm.offset != 0
        out.mod = raw.modrm.mod
        out.reg = raw.modrm.reg | (rexR << 3)
        out.rm = raw.modrm.rm | (rexB << 3)
        out.hasSIB = raw.sib.offset != 0
        out.sibBase = raw.sib.base | (rexB << 3)
        out.sibIndex = raw.sib.index | (rexX << 3)
        out.sibScale = raw.sib.scale
        out.displacement = raw.disp.value
        out.displacementSize = raw.disp.size
        out.immediate = raw.imm.0.value.s
        out.immediateSize = raw.imm.0.size
        out.immediateIsRelative = raw.imm.0.is_relative != 0
        out.operandWidth = instruction.operand_width
        return true
    }
}

extension X86FastPath {
    /// Built and checked against Zydis once per process, for each mode on first use.
    static let checked64 = checked(bits: 64)
    static let checked32 = checked(bits: 32)

    private static func checked(bits: Int) -> X86FastPath? {
        guard var reference = X86Decoder(bits: bits, fastPath: false) else { return nil }
        return X86FastPath(bits: bits) { bytes in
            var out = X86Instruction()
            return reference.decodeWithZydis(bytes, into: &out) ? out : nil
        }
    }
}

/// Lookup tables built once per process from Zydis's own ISA-set names (see `X86ExtensionNames`).
struct X86ScanTable: Sendable {
    static let none: Int16 = -1
    static let cpuidMarker: Int16 = -2
    static let xgetbvMarker: Int16 = -3
    static let shared = X86ScanTable()

    let names: [ISAExtension]
    /// Extension ids per ISA set (`-1` for none); `second` holds the optional second name.
    let first: [Int16]
    let second: [Int16]
    /// Per mnemonic: `none`, a marker, or an extension id that replaces the ISA set's.
    let mnemonicOverride: [Int16]
    /// Per mnemonic: its class for the flow analysis.
    let kinds: [X86Kind]
    /// Per mnemonic: a VEX/EVEX scalar floating-point instruction (`vaddsd`, `vmovss`, `vcvtsi2sd`),
    /// what a whole-program `x86-64-v3`/`/arch:AVX2` build puts in ordinary code.
    let scalarFloat: [Bool]

    private init() {
        var names: [ISAExtension] = []
        var ids: [ISAExtension: Int16] = [:]
        func id(_ name: ISAExtension) -> Int16 {
            if let known = ids[name] { return known }
            let new = Int16(names.count)
            names.append(name)
            ids[name] = new
            return new
        }
        let setCount = Int(ZYDIS_ISA_SET_MAX_VALUE.rawValue) + 1
        var first = Array(repeating: Self.none, count: setCount)
        var second = Array(repeating: Self.none, count: setCount)
        for raw in 0..<setCount {
            guard let text = ZydisISASetGetString(ZydisISASet(rawValue: UInt32(raw))) else { continue }
            let mapped = X86ExtensionNames.names(forISASet: String(cString: text))
            if let head = mapped.first { first[raw] = id(head) }
            if mapped.count > 1 { second[raw] = id(mapped[1]) }
        }
        var overrides = Array(repeating: Self.none, count: Int(ZYDIS_MNEMONIC_MAX_VALUE.rawValue) + 1)
        overrides[Int(ZYDIS_MNEMONIC_CPUID.rawValue)] = Self.cpuidMarker
        overrides[Int(ZYDIS_MNEMONIC_XGETBV.rawValue)] = Self.xgetbvMarker
        overrides[Int(ZYDIS_MNEMONIC_ENDBR32.rawValue)] = id(.endbr)
        overrides[Int(ZYDIS_MNEMONIC_ENDBR64.rawValue)] = id(.endbr)
        overrides[Int(ZYDIS_MNEMONIC_RDSSPD.rawValue)] = id(.rdssp)
        overrides[Int(ZYDIS_MNEMONIC_RDSSPQ.rawValue)] = id(.rdssp)
        overrides[Int(ZYDIS_MNEMONIC_TZCNT.rawValue)] = id(.tzcnt)
        self.names = names
        self.first = first
        self.second = second
        self.mnemonicOverride = overrides
        let mnemonicCount = Int(ZYDIS_MNEMONIC_MAX_VALUE.rawValue) + 1
        var kinds = Array(repeating: X86Kind.other, count: mnemonicCount)
        var scalar = Array(repeating: false, count: mnemonicCount)
        for raw in 0..<mnemonicCount {
            guard let text = ZydisMnemonicGetString(ZydisMnemonic(rawValue: UInt32(raw))) else { continue }
            let name = String(cString: text)
            kinds[raw] = X86ScanTable.kind(of: name)
            scalar[raw] =
                name.hasPrefix("v") && (name.hasSuffix("ss") || name.hasSuffix("sd"))
                && !name.hasPrefix("vp")
        }
        self.kinds = kinds
        self.scalarFloat = scalar
    }

    private static let kindsByName: [String: X86Kind] = [
        "mov": .mov, "movzx": .movzx, "movsx": .movsx, "movsxd": .movsx, "lea": .lea, "test": .test,
        "cmp": .cmp, "bt": .bt, "and": .and, "call": .call, "jmp": .jmp, "ret": .ret, "iret": .ret,
        "iretd": .ret, "iretq": .ret, "ud0": .trap, "ud1": .trap, "ud2": .trap, "int3": .trap, "hlt": .trap,
        "cpuid": .cpuid, "xgetbv": .xgetbv, "push": .noFlags, "pop": .noFlags, "nop": .noFlags,
        "endbr64": .noFlags, "endbr32": .noFlags, "xor": .xor, "or": .or, "not": .not, "shr": .shift, "sar": .shift,
        "shl": .shift,
        "jcxz": .loopLike, "jecxz": .loopLike, "jrcxz": .loopLike, "loop": .loopLike, "loope": .loopLike,
        "loopne": .loopLike,
    ]

    private static func kind(of name: String) -> X86Kind {
        if let known = kindsByName[name] { return known }
        if name.hasPrefix("cmov") { return .cmov }
        if name.hasPrefix("set"), name.count <= 6, name != "setssbsy" { return .setcc }
        if name.hasPrefix("j"), name.count <= 4, name != "jmp" { return .jcc }
        return .other
    }
}
