#if canImport(Glibc)
    import Glibc
#endif

/// The fuzz targets: each hands the input to one reader or loader the way a scan would.
enum FuzzTarget: String, CaseIterable {
    /// The PE reader, then the code profile, facts and installer engine of what it read.
    case pe
    /// The ELF reader (libelf over the bytes), then the code profile and facts.
    case elf
    /// The ZIP reader: the directory, a 4-byte type check and the contents of every entry.
    case zip
    /// The cabinet reader: the header checks, then every member listed and extracted (libmspack)
    /// with small caps, one by one and in one pass.
    case cab
    /// The 7z reader (header parser and liblzma): every entry's first bytes and the rest, within the scan's
    /// output-to-input ratio.
    case sevenZip = "7z"
    /// The MSI reader and the streams a scan reads, and the package-manifest readers.
    case msi
    /// The x86/x64 scanner (Zydis) over the input as code; the first byte picks the mode.
    case x86
    /// The AArch64 classifier over the input as code.
    case arm64
    /// The rule and target-profile loaders over the input as YAML.
    case rules
    /// The configuration loader over the input as `.armready.yml`.
    case config

    static let selected: FuzzTarget? = getenv("ARMREADY_FUZZ_TARGET").flatMap {
        FuzzTarget(rawValue: String(cString: $0))
    }

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .pe: ReaderTargets.pe(bytes)
        case .elf: ReaderTargets.elf(bytes)
        case .zip: ReaderTargets.zip(bytes)
        case .cab: ReaderTargets.cab(bytes)
        case .sevenZip: ReaderTargets.sevenZip(bytes)
        case .msi: ReaderTargets.msi(bytes)
        case .x86: CodeTargets.x86(bytes)
        case .arm64: CodeTargets.arm64(bytes)
        case .rules: LoaderTargets.rules(bytes)
        case .config: LoaderTargets.config(bytes)
        }
    }
}
