/// What the ELF reader found (through libelf). Names follow `readelf`'s where it has one.
///
/// Optional members are `@Nullable`: the JSON contract writes them as `null`.
package struct ELFInfo: Sendable, Equatable, Codable {
    /// `ELF32` or `ELF64`.
    package var elfClass: String
    /// `little` or `big`.
    package var dataEncoding: String
    /// `e_type` as readelf names it: `REL`, `EXEC`, `DYN`, `CORE`, or the number.
    package var type: String
    /// `e_flags`.
    package var flags: UInt32
    /// For `EM_ARM`: `hard` or `soft` float ABI from `EF_ARM_ABI_FLOAT_*`; nil otherwise.
    @Nullable package var armFloatABI: String?
    /// For `EM_ARM`: the EABI version in `e_flags & EF_ARM_EABIMASK` (0 for legacy/GNU); nil otherwise.
    @Nullable package var armEABIVersion: Int? = nil
    /// `EI_OSABI`.
    package var osABI: UInt8
    package var osABIName: String
    package var entry: UInt64
    /// `PT_INTERP`'s path.
    @Nullable package var interpreter: String?
    /// `DT_NEEDED` entries in order.
    package var needed: [String]
    @Nullable package var soname: String?
    package var runpath: [String]
    /// The GNU build id as lower-case hex.
    @Nullable package var buildID: String?
    /// `GNU_PROPERTY_X86_ISA_1_NEEDED` levels: `x86-64-baseline`, `x86-64-v2`, `x86-64-v3`, `x86-64-v4`.
    package var x86ISANeeded: [String]
    /// `GNU_PROPERTY_X86_ISA_1_USED` levels.
    package var x86ISAUsed: [String]
    /// `GNU_PROPERTY_X86_FEATURE_1_AND`: `ibt`, `shstk`, `lam_u48`, `lam_u57`.
    package var x86Features: [String]
    /// `GNU_PROPERTY_X86_FEATURE_2_USED`: `x86`, `x87`, `mmx`, `xmm`, `ymm`, `zmm`, ...
    package var x86Features2Used: [String]
    /// `GNU_PROPERTY_AARCH64_FEATURE_1_AND`: `bti`, `pac`, `gcs`.
    package var aarch64Features: [String]
    /// Every section header, in order.
    package var sections: [ELFSection]
    /// Names of sections with `SHF_EXECINSTR`.
    package var executableSections: [String]
    /// Number of `STT_FUNC` symbols with a non-zero size (from `.symtab`, else `.dynsym`).
    package var functionSymbolCount: Int
    /// Names of `STT_GNU_IFUNC` symbols (capped), evidence of runtime dispatch.
    package var ifuncSymbols: [String]
    /// Number of `R_*_IRELATIVE` relocations.
    package var irelativeRelocationCount: Int
    /// Undefined dynamic symbols the binary imports (capped), e.g. `getauxval`.
    package var importedSymbols: [String]

    package init(
        elfClass: String, dataEncoding: String, type: String, flags: UInt32 = 0,
        armFloatABI: String? = nil, osABI: UInt8 = 0, osABIName: String = "UNIX - System V",
        entry: UInt64 = 0, interpreter: String? = nil, needed: [String] = [], soname: String? = nil,
        runpath: [String] = [], buildID: String? = nil, x86ISANeeded: [String] = [],
        x86ISAUsed: [String] = [], x86Features: [String] = [], x86Features2Used: [String] = [],
        aarch64Features: [String] = [], sections: [ELFSection] = [], executableSections: [String] = [],
        functionSymbolCount: Int = 0, ifuncSymbols: [String] = [], irelativeRelocationCount: Int = 0,
        importedSymbols: [String] = []
    ) {
        self.elfClass = elfClass
        self.dataEncoding = dataEncoding
        self.type = type
        self.flags = flags
        self.armFloatABI = armFloatABI
        self.osABI = osABI
        self.osABIName = osABIName
        self.entry = entry
        self.interpreter = interpreter
        self.needed = needed
        self.soname = soname
        self.runpath = runpath
        self.buildID = buildID
        self.x86ISANeeded = x86ISANeeded
        self.x86ISAUsed = x86ISAUsed
        self.x86Features = x86Features
        self.x86Features2Used = x86Features2Used
        self.aarch64Features = aarch64Features
        self.sections = sections
        self.executableSections = executableSections
        self.functionSymbolCount = functionSymbolCount
        self.ifuncSymbols = ifuncSymbols
        self.irelativeRelocationCount = irelativeRelocationCount
        self.importedSymbols = importedSymbols
    }

    enum CodingKeys: String, CodingKey {
        case elfClass = "class"
        case dataEncoding, type, flags, armFloatABI, armEABIVersion, osABI, osABIName, entry, interpreter, needed
        case soname, runpath, buildID, x86ISANeeded, x86ISAUsed, x86Features, x86Features2Used
        case aarch64Features, sections, executableSections, functionSymbolCount, ifuncSymbols
        case irelativeRelocationCount, importedSymbols
    }

    /// Whether the binary resolves functions at load time through IFUNC (`STT_GNU_IFUNC`
    /// symbols or `R_*_IRELATIVE` relocations): evidence of runtime CPU dispatch.
    package var usesIFUNC: Bool { !ifuncSymbols.isEmpty || irelativeRelocationCount > 0 }
}

/// One ELF section header.
package struct ELFSection: Sendable, Equatable, Codable {
    package var name: String
    /// `sh_type`.
    package var type: UInt32
    /// `sh_flags`.
    package var flags: UInt64
    package var address: UInt64
    package var offset: UInt64
    package var size: UInt64

    package init(name: String, type: UInt32, flags: UInt64, address: UInt64, offset: UInt64, size: UInt64) {
        self.name = name
        self.type = type
        self.flags = flags
        self.address = address
        self.offset = offset
        self.size = size
    }
}
