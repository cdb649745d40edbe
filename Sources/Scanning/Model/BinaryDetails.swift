import BinaryFormats

/// The header facts a person wants in a detail view, flattened for renderers.
package struct BinaryDetails: Sendable, Equatable, Codable {
    @Nullable package var subsystem: String?
    package var imports: [String]
    package var exportCount: Int
    package var sections: [String]
    @Nullable package var hybridKind: String?
    /// A finite share (0-1), or nil: JSON has no NaN.
    @Nullable package var nativeCodeShare: Double? {
        didSet { if nativeCodeShare?.isFinite == false { nativeCodeShare = nil } }
    }
    package var dotnetFlags: [String]
    @Nullable package var manifestArchitectures: [String]?
    @Nullable package var productName: String?
    @Nullable package var companyName: String?
    @Nullable package var fileVersion: String?
    @Nullable package var interpreter: String?
    package var needed: [String]
    package var x86ISANeeded: [String]
    package var aarch64Features: [String]

    package init(
        subsystem: String? = nil, imports: [String] = [], exportCount: Int = 0, sections: [String] = [],
        hybridKind: String? = nil, nativeCodeShare: Double? = nil, dotnetFlags: [String] = [],
        manifestArchitectures: [String]? = nil, productName: String? = nil, companyName: String? = nil,
        fileVersion: String? = nil, interpreter: String? = nil, needed: [String] = [],
        x86ISANeeded: [String] = [], aarch64Features: [String] = []
    ) {
        self.subsystem = subsystem
        self.imports = imports
        self.exportCount = exportCount
        self.sections = sections
        self.hybridKind = hybridKind
        self.nativeCodeShare = nativeCodeShare.flatMap { $0.isFinite ? $0 : nil }
        self.dotnetFlags = dotnetFlags
        self.manifestArchitectures = manifestArchitectures
        self.productName = productName
        self.companyName = companyName
        self.fileVersion = fileVersion
        self.interpreter = interpreter
        self.needed = needed
        self.x86ISANeeded = x86ISANeeded
        self.aarch64Features = aarch64Features
    }

    /// The detail-view summary of an image.
    init(_ image: BinaryImage) {
        self.init()
        if let pe = image.pe {
            subsystem = PESubsystem.name(pe.subsystem)
            imports = pe.imports
            exportCount = pe.exports?.entries.count ?? 0
            sections = pe.sections.map(\.name)
            hybridKind = pe.hybrid?.kind.rawValue
            nativeCodeShare = pe.nativeCodeShare
            dotnetFlags = pe.clr?.flagNames ?? []
            manifestArchitectures = pe.manifest?.supportedArchitectures
            productName = pe.version?.productName
            companyName = pe.version?.companyName
            fileVersion = pe.version?.fileVersion
        }
        if let elf = image.elf {
            sections = elf.sections.map(\.name).filter { !$0.isEmpty }
            interpreter = elf.interpreter
            needed = elf.needed
            x86ISANeeded = elf.x86ISANeeded
            aarch64Features = elf.aarch64Features
        }
    }
}
