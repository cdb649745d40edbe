/// Names of PE `FileHeader.Machine` values, from the PE format specification's machine table
/// (learn.microsoft.com/windows/win32/debug/pe-format, "Machine Types") plus the ARM64EC/ARM64X
/// and CHPE_X86 values from WDK `ntimage.h` (windows-on-arm.md §1).
package enum PEMachine {
    package static let i386: UInt16 = 0x014C
    package static let amd64: UInt16 = 0x8664
    package static let arm64: UInt16 = 0xAA64
    package static let arm: UInt16 = 0x01C0
    package static let thumb: UInt16 = 0x01C2
    package static let armNT: UInt16 = 0x01C4
    package static let arm64EC: UInt16 = 0xA641
    package static let arm64X: UInt16 = 0xA64E

    /// The specification's short name for `machine`, or `0x....` when it has none.
    package static func name(_ machine: UInt16) -> String {
        names[machine] ?? hex(machine)
    }

    private static let names: [UInt16: String] = [
        0x0000: "UNKNOWN", 0x0184: "ALPHA", 0x0284: "ALPHA64", 0x01D3: "AM33", 0x8664: "AMD64",
        0x01C0: "ARM", 0xAA64: "ARM64", 0xA641: "ARM64EC", 0xA64E: "ARM64X", 0x01C4: "ARMNT",
        0x0EBC: "EBC", 0x014C: "I386", 0x0200: "IA64", 0x6232: "LOONGARCH32",
        0x6264: "LOONGARCH64", 0x9041: "M32R", 0x0266: "MIPS16", 0x0366: "MIPSFPU",
        0x0466: "MIPSFPU16", 0x01F0: "POWERPC", 0x01F1: "POWERPCFP", 0x0160: "R3000BE",
        0x0162: "R3000", 0x0166: "R4000", 0x0168: "R10000", 0x5032: "RISCV32", 0x5064: "RISCV64",
        0x5128: "RISCV128", 0x01A2: "SH3", 0x01A3: "SH3DSP", 0x01A6: "SH4", 0x01A8: "SH5",
        0x01C2: "THUMB", 0x0169: "WCEMIPSV2", 0x3A64: "CHPE_X86", 0xC0EE: "CEE",
    ]

    /// ReadyToRun images for other operating systems XOR the machine with an OS value
    /// (dotnet/runtime `pedecoder.h`, IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE; windows-on-arm.md §1).
    package static let readyToRunOSOverrides: [(os: String, value: UInt16)] = [
        ("windows", 0x0000), ("linux", 0x7B79), ("apple", 0x4644), ("freebsd", 0xADC4),
        ("netbsd", 0x1993), ("sunos", 0x1992),
    ]

    /// Machines a ReadyToRun image can target, to recognise a correctly decoded value.
    package static let readyToRunTargets: Set<UInt16> = [i386, amd64, arm64, armNT, 0x6264, 0x5064]

    /// Undoes the ReadyToRun OS override: the real machine and the OS it names, if any decode.
    package static func decodeReadyToRun(_ machine: UInt16) -> (machine: UInt16, os: String)? {
        for (os, value) in readyToRunOSOverrides where readyToRunTargets.contains(machine ^ value) {
            return (machine ^ value, os)
        }
        return nil
    }
}
