/// Names for ELF header values, in the short forms `readelf`/`file` print.
///
/// The numbers are glibc's `elf/elf.h` (`EM_*`, `ELFOSABI_*`, `ET_*`; /usr/include/elf.h on the
/// build machine); the names follow binutils `readelf.c` (`get_machine_name`,
/// `get_osabi_name`), shortened where readelf spells out a vendor ("Advanced Micro Devices
/// X86-64" is `x86-64`, "IBM S/390" is `S/390`). A value missing here is reported as `EM_<n>`.
enum ELFMachine {
    /// `e_machine` → short name (glibc elf.h values).
    static let names: [UInt16: String] = [
        0: "None", 1: "WE32100", 2: "Sparc", 3: "Intel 80386", 4: "MC68000", 5: "MC88000",
        6: "Intel MCU", 7: "Intel 80860", 8: "MIPS R3000", 9: "IBM System/370",
        10: "MIPS R4000 big-endian", 15: "HPPA", 18: "Sparc v8+", 19: "Intel 80960",
        20: "PowerPC", 21: "PowerPC64", 22: "S/390", 23: "SPU", 36: "NEC V800", 40: "ARM",
        41: "Digital Alpha (old)", 42: "Renesas / SuperH SH", 43: "Sparc v9", 44: "Siemens Tricore",
        45: "ARC", 46: "Renesas H8/300", 50: "Intel IA-64", 51: "Stanford MIPS-X",
        52: "Motorola Coldfire", 62: "x86-64", 75: "VAX", 76: "Axis Cris", 83: "Atmel AVR 8-bit",
        87: "Renesas V850", 88: "Renesas M32R", 89: "MN10300", 92: "OpenRISC 1000", 93: "ARCompact",
        94: "Tensilica Xtensa", 105: "Texas Instruments msp430", 106: "Analog Devices Blackfin",
        113: "Altera Nios II", 140: "TI C6X DSPs", 164: "QUALCOMM DSP6", 167: "Andes NDS32",
        173: "Renesas RX", 174: "Imagination Technologies Meta", 175: "MCST Elbrus",
        180: "Intel L1OM", 181: "Intel K1OM", 183: "AArch64", 185: "Atmel AVR32",
        188: "Tilera TILEPro", 189: "Xilinx MicroBlaze", 190: "NVIDIA CUDA", 191: "Tilera TILE-Gx",
        195: "ARCv2", 197: "Renesas RL78", 205: "Intel Graphics Technology", 220: "Zilog Z80",
        224: "AMD GPU", 243: "RISC-V", 247: "Linux BPF", 252: "C-SKY", 258: "LoongArch",
        0x9026: "Alpha",
    ]

    /// The short name of `machine`, `EM_<n>` when unknown.
    static func name(_ machine: UInt16) -> String {
        names[machine] ?? "EM_\(machine)"
    }

    /// How code for `machine` runs (DESIGN.md §1).
    static func execution(_ machine: UInt16) -> Execution {
        switch machine {
        case ELFConstant.emAArch64: .arm64
        case ELFConstant.emX86_64: .x64
        case ELFConstant.em386: .x86
        case ELFConstant.emARM: .arm32
        default: .other
        }
    }

    /// The instruction set of the code, for the instruction-set profile.
    static func architecture(_ machine: UInt16) -> CodeArchitecture {
        switch machine {
        case ELFConstant.emAArch64: .arm64
        case ELFConstant.emX86_64: .x64
        case ELFConstant.em386: .x86
        default: .other
        }
    }

    /// `e_type` as readelf names it; other values as `0x…`.
    static func typeName(_ type: UInt16) -> String {
        switch type {
        case 0: "NONE"
        case ELFConstant.etRel: "REL"
        case ELFConstant.etExec: "EXEC"
        case ELFConstant.etDyn: "DYN"
        case ELFConstant.etCore: "CORE"
        default: hex(type)
        }
    }

    /// `EI_OSABI` as readelf's `get_osabi_name` prints it (machine-independent values).
    static func osABIName(_ value: UInt8) -> String {
        switch value {
        case 0: "UNIX - System V"
        case 1: "UNIX - HP-UX"
        case 2: "UNIX - NetBSD"
        case 3: "UNIX - GNU"
        case 6: "UNIX - Solaris"
        case 7: "UNIX - AIX"
        case 8: "UNIX - IRIX"
        case 9: "UNIX - FreeBSD"
        case 10: "UNIX - TRU64"
        case 11: "Novell - Modesto"
        case 12: "UNIX - OpenBSD"
        case 13: "VMS - OpenVMS"
        case 14: "HP - Non-Stop Kernel"
        case 15: "AROS"
        case 16: "FenixOS"
        case 17: "Nuxi CloudABI"
        case 18: "Stratus Technologies OpenVOS"
        case 97: "ARM"
        case 255: "Standalone App"
        default: "<unknown: \(String(value, radix: 16))>"
        }
    }

    /// The binary's role.
    ///
    /// An `ET_DYN` is an executable (a PIE) when the linker set `DF_1_PIE`, as readelf decides,
    /// or, for linkers that do not set it, when it has `PT_INTERP` and no `DT_SONAME`. A shared
    /// library that can also be run (glibc's `libc.so.6` has `PT_INTERP`) keeps its soname and
    /// stays a library.
    static func kind(type: UInt16, hasInterpreter: Bool, pieFlag: Bool, hasSoname: Bool) -> BinaryKind {
        switch type {
        case ELFConstant.etExec: .executable
        case ELFConstant.etDyn: pieFlag || (hasInterpreter && !hasSoname) ? .executable : .library
        case ELFConstant.etRel: .object
        case ELFConstant.etCore: .core
        default: .other
        }
    }
}
