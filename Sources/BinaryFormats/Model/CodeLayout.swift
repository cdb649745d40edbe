/// Where a binary's executable code lies, in the binary's own address space (PE RVAs, ELF
/// virtual addresses), for the instruction-set profile.
package struct CodeLayout: Sendable, Equatable {
    /// The instruction set of the code, when the whole image has one.
    package var architecture: CodeArchitecture
    /// Executable sections with their file extent.
    package var sections: [CodeSection]
    /// Function ranges from the binary's own tables, sorted by start.
    package var functions: [FunctionRange]
    /// Which table gave `functions`.
    package var functionSource: FunctionSource?
    /// Named addresses (exports, function symbols) for naming example locations.
    package var symbols: [CodeSymbol]
    /// For hybrid images (ARM64EC, ARM64X, x86 CHPE): ranges whose instruction set differs from
    /// `architecture`, from the CHPE code map. Empty otherwise.
    package var architectureRanges: [ArchitectureRange]
    /// Where execution enters the image's code without a call from that code: the entry point,
    /// exports, TLS callbacks, initializers, IFUNC resolvers. The flow analysis starts there.
    package var roots: [CodeRoot]
    /// Pointer slots the loader fills with an imported function's address (PE IAT entries,
    /// ELF GOT slots of `JUMP_SLOT`/`GLOB_DAT` relocations), sorted by address. A call or jump
    /// through one is a call of that import (`call [rip+slot]`, PLT and `jmp [__imp_X]` thunks).
    package var importSlots: [ImportSlot]
    /// Ranges inside the sections that hold no machine code and are never decoded: a .NET
    /// image's CLI header, metadata, managed resources and IL method bodies. Any order.
    package var dataRanges: [FunctionRange]
    /// False when `functions` is known to hold all of the code (a ReadyToRun image's method
    /// entry points): the bytes of `sections` outside them are then not swept.
    package var sweepsOutsideFunctions: Bool

    package init(
        architecture: CodeArchitecture = .other, sections: [CodeSection] = [],
        functions: [FunctionRange] = [], functionSource: FunctionSource? = nil,
        symbols: [CodeSymbol] = [], architectureRanges: [ArchitectureRange] = [],
        roots: [CodeRoot] = [], importSlots: [ImportSlot] = [], dataRanges: [FunctionRange] = [],
        sweepsOutsideFunctions: Bool = true
    ) {
        self.dataRanges = dataRanges
        self.sweepsOutsideFunctions = sweepsOutsideFunctions
        self.architecture = architecture
        self.sections = sections
        self.functions = functions
        self.functionSource = functionSource
        self.symbols = symbols
        self.architectureRanges = architectureRanges
        self.roots = roots
        self.importSlots = importSlots
    }
}

/// An address where execution enters the image's code from outside it.
package struct CodeRoot: Sendable, Equatable, Hashable {
    package enum Kind: String, Sendable, Codable {
        /// The image's entry point (PE AddressOfEntryPoint, ELF e_entry).
        case entry
        /// An exported function (PE export table, ELF defined dynamic `STT_FUNC`).
        case export
        /// A PE TLS callback.
        case tlsCallback = "tls-callback"
        /// An initializer or finalizer the loader runs (ELF `.init_array`/`.fini_array`/`DT_INIT`).
        case initializer
        /// An ELF IFUNC resolver (`STT_GNU_IFUNC` symbol value, `IRELATIVE` addend): it runs
        /// baseline code; every code address it returns is a dispatched target.
        case ifuncResolver = "ifunc-resolver"
    }

    package var address: UInt64
    package var kind: Kind
    /// The export's or symbol's name, when there is one.
    package var name: String?

    package init(address: UInt64, kind: Kind, name: String? = nil) {
        self.address = address
        self.kind = kind
        self.name = name
    }
}

/// A pointer slot that holds an imported function's address once the image is loaded.
package struct ImportSlot: Sendable, Equatable, Hashable {
    /// The slot's address (PE RVA of the IAT entry, ELF virtual address of the GOT entry).
    package var address: UInt64
    /// The imported function (`IsProcessorFeaturePresent`, `getauxval`); `#12` for ordinals.
    package var name: String
    /// Where the image itself defines the function (ELF: a `JUMP_SLOT` against a symbol of
    /// its own, called through the PLT because the symbol has default visibility). The loader
    /// binds the slot there unless another object interposes.
    package var definition: UInt64?

    package init(address: UInt64, name: String, definition: UInt64? = nil) {
        self.address = address
        self.name = name
        self.definition = definition
    }
}

package enum CodeArchitecture: String, Codable, Sendable {
    case x86, x64, arm64, other
}

package enum FunctionSource: String, Codable, Sendable {
    /// PE exception directory (`.pdata` RUNTIME_FUNCTION entries).
    case pdata
    /// ELF `STT_FUNC` symbols with sizes.
    case symbols
    /// ELF `.eh_frame` FDEs.
    case ehFrame = "eh_frame"
    /// A ReadyToRun image's RuntimeFunctions section (the compiled methods).
    case readyToRun = "readytorun"
}

/// An executable section: its address, and where its bytes are in the file.
package struct CodeSection: Sendable, Equatable, Codable {
    package var name: String
    package var address: UInt64
    package var fileOffset: Int
    /// Bytes present in the file (may be less than the section's size in memory).
    package var fileSize: Int

    package init(name: String, address: UInt64, fileOffset: Int, fileSize: Int) {
        self.name = name
        self.address = address
        self.fileOffset = fileOffset
        self.fileSize = fileSize
    }
}

package struct FunctionRange: Sendable, Equatable, Hashable {
    package var start: UInt64
    package var size: UInt64

    package init(start: UInt64, size: UInt64) {
        self.start = start
        self.size = size
    }
}

package struct CodeSymbol: Sendable, Equatable {
    package var address: UInt64
    package var name: String

    package init(address: UInt64, name: String) {
        self.address = address
        self.name = name
    }
}

/// A range of a hybrid image's code map.
package struct ArchitectureRange: Sendable, Equatable, Codable {
    package var start: UInt64
    package var size: UInt64
    package var architecture: HybridCodeType

    package init(start: UInt64, size: UInt64, architecture: HybridCodeType) {
        self.start = start
        self.size = size
        self.architecture = architecture
    }
}

/// The type of a CHPE code map range (windows-on-arm.md §2.3).
package enum HybridCodeType: String, Codable, Sendable {
    case arm64, arm64ec, x64
    /// x86 CHPE: plain x86 code.
    case x86
    /// x86 CHPE: compiled-hybrid (native Arm64) code.
    case chpe
}
