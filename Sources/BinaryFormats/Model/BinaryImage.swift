/// Everything the readers found in one binary, in a format-neutral shape.
///
/// `format`, `machine`, `execution`, `kind` and `bits` mean the same for PE and ELF; the
/// format-specific details sit in `pe`, `elf` or `dos`. `code` says where the executable code
/// is, for the instruction-set profile, and is summarised rather than encoded in full.
package struct BinaryImage: Sendable, Equatable {
    package var format: BinaryFormat
    /// The raw machine value from the header: PE `FileHeader.Machine`, ELF `e_machine`.
    package var machine: UInt32
    /// The machine's conventional name (`AMD64`, `ARM64`, `AArch64`, `x86-64`...).
    package var machineName: String
    package var execution: Execution
    package var kind: BinaryKind
    /// 16, 32 or 64; 0 when the format does not say.
    package var bits: Int
    package var pe: PEInfo?
    package var elf: ELFInfo?
    package var dos: DOSInfo?
    package var code: CodeLayout
    /// The structures that are damaged or were read only in part; the rest was read.
    package var warnings: [ReadWarning]

    package init(
        format: BinaryFormat, machine: UInt32, machineName: String, execution: Execution,
        kind: BinaryKind, bits: Int, pe: PEInfo? = nil, elf: ELFInfo? = nil, dos: DOSInfo? = nil,
        code: CodeLayout = CodeLayout(), warnings: [ReadWarning] = []
    ) {
        self.format = format
        self.machine = machine
        self.machineName = machineName
        self.execution = execution
        self.kind = kind
        self.bits = bits
        self.pe = pe
        self.elf = elf
        self.dos = dos
        self.code = code
        self.warnings = warnings
    }
}

/// The container format, decided from the first bytes.
package enum BinaryFormat: String, Codable, Sendable, CaseIterable {
    case pe
    case elf
    /// An MZ executable without a PE header: DOS, or a 16-bit NE / 32-bit LE/LX image.
    case dos
    case notBinary = "not-binary"
}

/// How the binary's code runs (DESIGN.md §1, `execution`).
package enum Execution: String, Codable, Sendable, CaseIterable {
    case arm64, arm64x, arm64ec
    /// Architecture-independent .NET IL.
    case neutral
    case x64, x86, arm32, other
}

/// What role the binary plays.
package enum BinaryKind: String, Codable, Sendable, CaseIterable {
    case executable, library, driver, efi, dotnet
    case resourceOnly = "resource-only"
    /// A relocatable object (ELF `ET_REL`, a COFF object is not read).
    case object
    /// An ELF core dump.
    case core
    /// A DOS MZ program without a newer header.
    case dos
    /// A 16-bit Windows NE image.
    case ne
    /// A 32-bit LE/LX image (VxD or OS/2).
    case lx
    case other
}

/// What an MZ file without a PE header carries.
package struct DOSInfo: Sendable, Equatable, Codable {
    /// `MZ`, `NE`, `LE` or `LX`: the newest header found.
    package var signature: String
    package var newHeaderOffset: UInt32?

    package init(signature: String, newHeaderOffset: UInt32?) {
        self.signature = signature
        self.newHeaderOffset = newHeaderOffset
    }
}
