/// A PE `FileHeader.Machine` value, from the PE format specification's machine table
/// (learn.microsoft.com/windows/win32/debug/pe-format, "Machine Types") plus the ARM64EC/ARM64X
/// and CHPE_X86 values from WDK `ntimage.h` (windows-on-arm.md §1).
///
/// An open set: any 16-bit value is a machine, and one without a name prints as `0x....`.
package struct PEMachine: RawRepresentable, Hashable, Sendable {
    package let rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    package static let unknown = PEMachine(rawValue: 0x0000)
    package static let alpha = PEMachine(rawValue: 0x0184)
    package static let alpha64 = PEMachine(rawValue: 0x0284)
    package static let am33 = PEMachine(rawValue: 0x01D3)
    package static let amd64 = PEMachine(rawValue: 0x8664)
    package static let arm = PEMachine(rawValue: 0x01C0)
    package static let arm64 = PEMachine(rawValue: 0xAA64)
    package static let arm64EC = PEMachine(rawValue: 0xA641)
    package static let arm64X = PEMachine(rawValue: 0xA64E)
    package static let armNT = PEMachine(rawValue: 0x01C4)
    package static let ebc = PEMachine(rawValue: 0x0EBC)
    package static let i386 = PEMachine(rawValue: 0x014C)
    package static let ia64 = PEMachine(rawValue: 0x0200)
    package static let loongArch32 = PEMachine(rawValue: 0x6232)
    package static let loongArch64 = PEMachine(rawValue: 0x6264)
    package static let m32r = PEMachine(rawValue: 0x9041)
    package static let mips16 = PEMachine(rawValue: 0x0266)
    package static let mipsFPU = PEMachine(rawValue: 0x0366)
    package static let mipsFPU16 = PEMachine(rawValue: 0x0466)
    package static let powerPC = PEMachine(rawValue: 0x01F0)
    package static let powerPCFP = PEMachine(rawValue: 0x01F1)
    package static let r3000BE = PEMachine(rawValue: 0x0160)
    package static let r3000 = PEMachine(rawValue: 0x0162)
    package static let r4000 = PEMachine(rawValue: 0x0166)
    package static let r10000 = PEMachine(rawValue: 0x0168)
    package static let riscV32 = PEMachine(rawValue: 0x5032)
    package static let riscV64 = PEMachine(rawValue: 0x5064)
    package static let riscV128 = PEMachine(rawValue: 0x5128)
    package static let sh3 = PEMachine(rawValue: 0x01A2)
    package static let sh3DSP = PEMachine(rawValue: 0x01A3)
    package static let sh4 = PEMachine(rawValue: 0x01A6)
    package static let sh5 = PEMachine(rawValue: 0x01A8)
    package static let thumb = PEMachine(rawValue: 0x01C2)
    package static let wceMIPSv2 = PEMachine(rawValue: 0x0169)
    package static let chpeX86 = PEMachine(rawValue: 0x3A64)
    package static let cee = PEMachine(rawValue: 0xC0EE)

    /// The specification's short name for each machine it lists.
    private static let names: [PEMachine: String] = [
        .unknown: "UNKNOWN", .alpha: "ALPHA", .alpha64: "ALPHA64", .am33: "AM33", .amd64: "AMD64", .arm: "ARM",
        .arm64: "ARM64", .arm64EC: "ARM64EC", .arm64X: "ARM64X", .armNT: "ARMNT", .ebc: "EBC", .i386: "I386",
        .ia64: "IA64", .loongArch32: "LOONGARCH32", .loongArch64: "LOONGARCH64", .m32r: "M32R", .mips16: "MIPS16",
        .mipsFPU: "MIPSFPU", .mipsFPU16: "MIPSFPU16", .powerPC: "POWERPC", .powerPCFP: "POWERPCFP",
        .r3000BE: "R3000BE", .r3000: "R3000", .r4000: "R4000", .r10000: "R10000", .riscV32: "RISCV32",
        .riscV64: "RISCV64", .riscV128: "RISCV128", .sh3: "SH3", .sh3DSP: "SH3DSP", .sh4: "SH4", .sh5: "SH5",
        .thumb: "THUMB", .wceMIPSv2: "WCEMIPSV2", .chpeX86: "CHPE_X86", .cee: "CEE",
    ]

    /// The specification's short name, or `0x....` when it has none.
    package var name: String {
        Self.names[self] ?? hex(rawValue)
    }

    /// ReadyToRun images for other operating systems XOR the machine with an OS value
    /// (dotnet/runtime `pedecoder.h`, IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE; windows-on-arm.md §1).
    package static let readyToRunOSOverrides: [(os: String, value: UInt16)] = [
        ("windows", 0x0000), ("linux", 0x7B79), ("apple", 0x4644), ("freebsd", 0xADC4),
        ("netbsd", 0x1993), ("sunos", 0x1992),
    ]

    /// Machines a ReadyToRun image can target, to recognise a correctly decoded value.
    package static let readyToRunTargets: Set<PEMachine> = [.i386, .amd64, .arm64, .armNT, .loongArch64, .riscV64]

    /// Undoes the ReadyToRun OS override on a header's machine: the real machine and the OS it
    /// names, if any decode.
    package var decodedReadyToRun: (machine: PEMachine, os: String)? {
        for (os, value) in Self.readyToRunOSOverrides {
            let machine = PEMachine(rawValue: rawValue ^ value)
            if Self.readyToRunTargets.contains(machine) { return (machine, os) }
        }
        return nil
    }
}
