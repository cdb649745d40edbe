/// Plain Swift copies of the ELF structures libelf hands out (GElf shapes: ELF32 widened to
/// ELF64 and byte order translated). `ELFHandle` fills them; nothing here is trusted yet.

/// The `GElf_Ehdr` fields the reader uses beyond the ones `ELFHeaderCheck` validated.
struct ELFRawHeader: Sendable, Equatable {
    var type: UInt16
    var machine: UInt16
    var entry: UInt64
    var flags: UInt32
    /// `e_ident[EI_OSABI]`.
    var osABI: UInt8
    /// `e_ident[EI_ABIVERSION]`.
    var abiVersion: UInt8
}

/// One program header (`GElf_Phdr`).
struct ELFRawSegment: Sendable, Equatable {
    var type: UInt32
    var flags: UInt32
    var offset: UInt64
    var address: UInt64
    var fileSize: UInt64
    var memorySize: UInt64
    var alignment: UInt64
}

/// One section header (`GElf_Shdr`) with its index.
struct ELFRawSection: Sendable, Equatable {
    var index: Int
    var nameOffset: UInt32
    var type: UInt32
    var flags: UInt64
    var address: UInt64
    var offset: UInt64
    var size: UInt64
    var link: UInt32
    var info: UInt32
    var alignment: UInt64
    var entrySize: UInt64

    /// Bytes the section occupies in the file: `SHT_NOBITS` has none.
    var fileSize: UInt64 { type == ELFConstant.shtNobits ? 0 : size }
}

/// One symbol (`GElf_Sym`), with `st_info` split into type and binding.
struct ELFRawSymbol: Sendable, Equatable {
    var nameOffset: UInt32
    var value: UInt64
    var size: UInt64
    /// `ELF_ST_TYPE(st_info)`.
    var type: UInt8
    /// `ELF_ST_BIND(st_info)`.
    var binding: UInt8
    var sectionIndex: UInt16
}

/// One dynamic entry (`GElf_Dyn`).
struct ELFRawDynamic: Sendable, Equatable {
    var tag: Int64
    var value: UInt64
}

/// One relocation (`GElf_Rel` or `GElf_Rela`); GElf widens ELF32 `r_info` to the ELF64 layout.
struct ELFRawRelocation: Sendable, Equatable {
    var offset: UInt64
    var info: UInt64
    /// `r_addend`; 0 for `SHT_REL`, whose addend is the value in the relocated slot.
    var addend: Int64

    /// `ELF64_R_TYPE(r_info)`.
    var type: UInt32 { UInt32(truncatingIfNeeded: info & 0xFFFF_FFFF) }
    /// `ELF64_R_SYM(r_info)`: the index into the symbol table the section's `sh_link` names.
    var symbolIndex: Int { Int(info >> 32) }
}
