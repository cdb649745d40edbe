/// What the PE/COFF reader found. Field names follow the PE format specification.
package struct PEInfo: Sendable, Equatable {
    /// PE32+ (64-bit optional header) rather than PE32.
    package var isPE32Plus: Bool
    package var characteristics: UInt16
    package var timeDateStamp: UInt32
    package var subsystem: UInt16
    package var dllCharacteristics: UInt16
    package var imageBase: UInt64
    package var addressOfEntryPoint: UInt32
    package var sizeOfImage: UInt32
    package var sections: [PESection]
    /// Lower-case DLL names from the import and delay-load import directories, in file order,
    /// without duplicates.
    package var imports: [String]
    /// Per-DLL detail of both import directories.
    package var importDetails: [PEImport]
    package var exports: PEExports?
    package var loadConfigSize: UInt32?
    /// The CHPE metadata pointer in the load config is set (ARM64EC, ARM64X or x86 CHPE).
    package var hasCHPEMetadata: Bool
    package var hybrid: HybridMetadata?
    /// The load config's dynamic value relocation table holds ARM64X fixups.
    package var hasARM64XRelocations: Bool
    package var clr: CLRHeader?
    /// Number of RUNTIME_FUNCTION entries in the exception directory.
    package var exceptionFunctionCount: Int
    package var version: VersionInfo?
    package var manifest: ManifestInfo?
    package var pdbPath: String?

    package init(
        isPE32Plus: Bool, characteristics: UInt16, timeDateStamp: UInt32, subsystem: UInt16,
        dllCharacteristics: UInt16, imageBase: UInt64, addressOfEntryPoint: UInt32,
        sizeOfImage: UInt32, sections: [PESection]
    ) {
        self.isPE32Plus = isPE32Plus
        self.characteristics = characteristics
        self.timeDateStamp = timeDateStamp
        self.subsystem = subsystem
        self.dllCharacteristics = dllCharacteristics
        self.imageBase = imageBase
        self.addressOfEntryPoint = addressOfEntryPoint
        self.sizeOfImage = sizeOfImage
        self.sections = sections
        self.imports = []
        self.importDetails = []
        self.exports = nil
        self.loadConfigSize = nil
        self.hasCHPEMetadata = false
        self.hybrid = nil
        self.hasARM64XRelocations = false
        self.clr = nil
        self.exceptionFunctionCount = 0
        self.version = nil
        self.manifest = nil
        self.pdbPath = nil
    }

    /// `IMAGE_FILE_DLL`.
    package var isDLL: Bool { characteristics & 0x2000 != 0 }
    /// `IMAGE_DLLCHARACTERISTICS_WDM_DRIVER`.
    package var isWDMDriver: Bool { dllCharacteristics & 0x2000 != 0 }
    /// The share of hybrid code that is Arm64 or Arm64EC, from the code map; nil without one.
    package var nativeCodeShare: Double? { hybrid?.nativeCodeShare }
}

/// One section header.
package struct PESection: Sendable, Equatable, Codable {
    package var name: String
    package var virtualAddress: UInt32
    package var virtualSize: UInt32
    package var pointerToRawData: UInt32
    package var sizeOfRawData: UInt32
    package var characteristics: UInt32

    package init(
        name: String, virtualAddress: UInt32, virtualSize: UInt32, pointerToRawData: UInt32,
        sizeOfRawData: UInt32, characteristics: UInt32
    ) {
        self.name = name
        self.virtualAddress = virtualAddress
        self.virtualSize = virtualSize
        self.pointerToRawData = pointerToRawData
        self.sizeOfRawData = sizeOfRawData
        self.characteristics = characteristics
    }

    /// `IMAGE_SCN_MEM_EXECUTE` or `IMAGE_SCN_CNT_CODE`.
    package var isExecutable: Bool { characteristics & 0x2000_0020 != 0 }
}

/// The functions imported from one DLL.
package struct PEImport: Sendable, Equatable, Codable {
    /// Lower-case DLL name.
    package var dll: String
    package var delayLoad: Bool
    /// Imported names; by-ordinal imports appear as `#N`.
    package var functions: [String]

    package init(dll: String, delayLoad: Bool, functions: [String]) {
        self.dll = dll
        self.delayLoad = delayLoad
        self.functions = functions
    }
}

/// The export directory.
package struct PEExports: Sendable, Equatable, Codable {
    package var dllName: String?
    package var entries: [PEExport]

    package init(dllName: String?, entries: [PEExport]) {
        self.dllName = dllName
        self.entries = entries
    }
}

package struct PEExport: Sendable, Equatable, Codable {
    package var ordinal: UInt32
    package var name: String?
    /// The exported RVA; nil for a forwarder.
    package var rva: UInt32?
    /// `OTHERDLL.Function` when the export forwards.
    package var forwarder: String?

    package init(ordinal: UInt32, name: String?, rva: UInt32?, forwarder: String?) {
        self.ordinal = ordinal
        self.name = name
        self.rva = rva
        self.forwarder = forwarder
    }
}

/// The CHPE metadata of a hybrid image (IMAGE_ARM64EC_METADATA or IMAGE_CHPE_METADATA_X86).
package struct HybridMetadata: Sendable, Equatable, Codable {
    package enum Kind: String, Codable, Sendable {
        case arm64ec, arm64x
        case x86CHPE = "x86-chpe"
    }

    package var kind: Kind
    package var version: UInt32
    package var codeMap: [ArchitectureRange]

    package init(kind: Kind, version: UInt32, codeMap: [ArchitectureRange]) {
        self.kind = kind
        self.version = version
        self.codeMap = codeMap
    }

    /// Arm64 + Arm64EC (or CHPE) bytes over all code-map bytes; nil for an empty map.
    package var nativeCodeShare: Double? {
        let total = codeMap.reduce(UInt64(0)) { $0 &+ $1.size }
        guard total > 0 else { return nil }
        let native = codeMap.filter { $0.architecture != .x64 && $0.architecture != .x86 }
            .reduce(UInt64(0)) { $0 &+ $1.size }
        return Double(native) / Double(total)
    }
}

/// The CLI (COR20) header of a .NET assembly.
package struct CLRHeader: Sendable, Equatable, Codable {
    package var flags: UInt32
    package var runtimeVersion: String?
    /// A ReadyToRun header is present (`ManagedNativeHeader` with the `RTR` signature).
    package var readyToRun: Bool
    /// For ReadyToRun images: the machine the native code targets, with the OS override XOR
    /// removed, and the OS that override named.
    package var readyToRunMachine: UInt16?
    package var readyToRunOS: String?

    package init(
        flags: UInt32, runtimeVersion: String?, readyToRun: Bool, readyToRunMachine: UInt16?, readyToRunOS: String?
    ) {
        self.flags = flags
        self.runtimeVersion = runtimeVersion
        self.readyToRun = readyToRun
        self.readyToRunMachine = readyToRunMachine
        self.readyToRunOS = readyToRunOS
    }

    package var ilOnly: Bool { flags & 0x1 != 0 }
    package var requires32Bit: Bool { flags & 0x2 != 0 }
    package var prefers32Bit: Bool { flags & 0x2_0000 != 0 }

    /// The `COMIMAGE_FLAGS_*` set among ILONLY, 32BITREQUIRED and 32BITPREFERRED, as CorFlags
    /// names them, in that order.
    package var corFlagNames: [String] {
        [(ilOnly, "ILONLY"), (requires32Bit, "32BITREQUIRED"), (prefers32Bit, "32BITPREFERRED")].filter(\.0).map(\.1)
    }

    /// `corFlagNames`, then `READYTORUN` for a ReadyToRun image (a header, not a flag bit).
    package var flagNames: [String] {
        corFlagNames + (readyToRun ? ["READYTORUN"] : [])
    }
}

/// Strings from the VS_VERSIONINFO resource.
package struct VersionInfo: Sendable, Equatable, Codable {
    package var productName: String?
    package var companyName: String?
    package var fileVersion: String?
    package var productVersion: String?
    package var fileDescription: String?
    package var originalFilename: String?

    package init(
        productName: String? = nil, companyName: String? = nil, fileVersion: String? = nil,
        productVersion: String? = nil, fileDescription: String? = nil, originalFilename: String? = nil
    ) {
        self.productName = productName
        self.companyName = companyName
        self.fileVersion = fileVersion
        self.productVersion = productVersion
        self.fileDescription = fileDescription
        self.originalFilename = originalFilename
    }
}

/// What armready reads from the embedded application manifest (RT_MANIFEST).
package struct ManifestInfo: Sendable, Equatable, Codable {
    /// The `supportedArchitectures` element's words (e.g. `amd64 arm64`), nil when absent.
    package var supportedArchitectures: [String]?
    package var requestedExecutionLevel: String?

    package init(supportedArchitectures: [String]?, requestedExecutionLevel: String?) {
        self.supportedArchitectures = supportedArchitectures
        self.requestedExecutionLevel = requestedExecutionLevel
    }
}
