/// ELF constants the reader needs, with the values from glibc `elf/elf.h` (/usr/include/elf.h),
/// kept here so the Swift side never imports the C header.
enum ELFConstant {
    // e_type
    static let etRel: UInt16 = 1
    static let etExec: UInt16 = 2
    static let etDyn: UInt16 = 3
    static let etCore: UInt16 = 4

    // e_machine
    static let em386: UInt16 = 3
    static let emARM: UInt16 = 40
    static let emX86_64: UInt16 = 62
    static let emAArch64: UInt16 = 183

    // e_flags for EM_ARM
    static let efARMABIFloatSoft: UInt32 = 0x200
    static let efARMABIFloatHard: UInt32 = 0x400
    static let efARMEABIMask: UInt32 = 0xFF00_0000

    // p_type
    static let ptDynamic: UInt32 = 2
    static let ptInterp: UInt32 = 3
    static let ptNote: UInt32 = 4
    static let ptGNUProperty: UInt32 = 0x6474_E553

    // sh_type
    static let shtSymtab: UInt32 = 2
    static let shtStrtab: UInt32 = 3
    static let shtRela: UInt32 = 4
    static let shtDynamic: UInt32 = 6
    static let shtNote: UInt32 = 7
    static let shtNobits: UInt32 = 8
    static let shtRel: UInt32 = 9
    static let shtDynsym: UInt32 = 11
    static let shtInitArray: UInt32 = 14
    static let shtFiniArray: UInt32 = 15
    static let shtPreinitArray: UInt32 = 16

    // sh_flags
    static let shfExecinstr: UInt64 = 0x4

    // d_tag
    static let dtNeeded: Int64 = 1
    static let dtInit: Int64 = 12
    static let dtFini: Int64 = 13
    static let dtRpath: Int64 = 15
    static let dtSoname: Int64 = 14
    static let dtRunpath: Int64 = 29
    static let dtFlags1: Int64 = 0x6FFF_FFFB
    /// `DF_1_PIE` in `DT_FLAGS_1`: the linker marked the object a position-independent executable.
    static let df1PIE: UInt64 = 0x0800_0000

    // symbols
    static let sttFunc: UInt8 = 2
    static let sttGNUIFunc: UInt8 = 10
    static let stbLocal: UInt8 = 0
    static let stbGlobal: UInt8 = 1
    static let stbWeak: UInt8 = 2
    static let shnUndef: UInt16 = 0

    // notes (name "GNU")
    static let ntGNUBuildID: UInt32 = 3
    static let ntGNUPropertyType0: UInt32 = 5

    // GNU properties (windows-on-arm.md §8.3)
    static let gnuPropertyAArch64Feature1And: UInt32 = 0xC000_0000
    static let gnuPropertyX86Feature1And: UInt32 = 0xC000_0002
    static let gnuPropertyX86ISA1Needed: UInt32 = 0xC000_8002
    static let gnuPropertyX86ISA1Used: UInt32 = 0xC001_0002
    static let gnuPropertyX86Feature2Used: UInt32 = 0xC001_0001
}

/// The dynamic relocation types of one machine that the code layout reads (glibc elf.h).
struct ELFRelocationTypes: Sendable, Equatable {
    /// `R_*_JUMP_SLOT`: a PLT's GOT slot, filled with the named function's address.
    var jumpSlot: UInt32
    /// `R_*_GLOB_DAT`: a GOT slot filled with the named symbol's address.
    var globalData: UInt32
    /// `R_*_RELATIVE`: base + addend (the slot's value for `SHT_REL`).
    var relative: UInt32
    /// `R_*_IRELATIVE`: the resolver at base + addend is called and its result stored.
    var irelative: UInt32

    init?(machine: UInt16) {
        switch machine {
        case ELFConstant.emX86_64: (jumpSlot, globalData, relative, irelative) = (7, 6, 8, 37)
        case ELFConstant.em386: (jumpSlot, globalData, relative, irelative) = (7, 6, 8, 42)
        case ELFConstant.emAArch64: (jumpSlot, globalData, relative, irelative) = (1026, 1025, 1027, 1032)
        case ELFConstant.emARM: (jumpSlot, globalData, relative, irelative) = (22, 21, 23, 160)
        default: return nil
        }
    }
}

extension ReadLimits {
    /// ELF section headers: relocatable objects built with `-ffunction-sections` have tens of
    /// thousands, so the PE limit (96) does not fit.
    package static let maxELFSections = 1 << 20
    /// Program headers: real files have a dozen or two.
    package static let maxELFProgramHeaders = 65_536
    /// Dynamic entries read from `.dynamic`.
    package static let maxELFDynamicEntries = 65_536
    /// Names kept in `ELFInfo.ifuncSymbols` and `ELFInfo.importedSymbols`.
    package static let maxELFListedSymbols = 16_384
    /// Relocations read per section (IRELATIVE, JUMP_SLOT, GLOB_DAT, RELATIVE).
    package static let maxELFRelocations = 4_000_000
    /// Entries read from one `.init_array`/`.fini_array`/`.preinit_array` section.
    package static let maxELFInitializers = 65_536
    /// Notes read from one note section or segment.
    package static let maxELFNotes = 4096
}
