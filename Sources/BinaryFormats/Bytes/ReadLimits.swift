/// Caps on counts taken from file headers, applied before allocating or looping, so a hostile
/// file cannot make a reader allocate or spin without bound.
///
/// The values sit well above what real binaries use (the largest Windows system DLLs export a
/// few thousand names). They bound work, not validity: a PE count above its cap is read up to
/// the cap and the rest is noted as a `ReadWarning`. PE NumberOfSections needs no cap of its
/// own (16 bits, and the loader maps all 65,535).
package enum ReadLimits {
    /// Executable sections whose code the instruction-set profile decodes.
    package static let maxCodeSections = 384
    package static let maxStringLength = 4096
    package static let maxImportDescriptors = 4096
    package static let maxImportsPerDLL = 65_536
    /// Imported names across all DLLs: descriptors may share one thunk array, so the per-DLL
    /// cap alone would allow descriptors × names reads.
    package static let maxImportedFunctionsTotal = 262_144
    /// The imported names a file of `fileSize` bytes may give: every name a real file imports
    /// has a thunk of its own (4 or 8 bytes) in the file, so half the file size allows twice
    /// what it can hold. A few-KB file whose descriptors repeat one table is held to that, not
    /// to the full cap (descriptors x names reads made a 4 KB file cost 65,000 name reads).
    package static func maxImportedFunctions(fileSize: Int) -> Int {
        min(maxImportedFunctionsTotal, max(1024, fileSize / 2))
    }
    /// Bytes of names read through one PE's import (with delay-load) or export tables: a real
    /// file stores each name once, so twice its size, at least 64 KiB, is never reached, while
    /// names that share bytes (1,000 pointers at one 4 KB string) stop there.
    package static func maxNameBytes(fileSize: Int) -> Int {
        max(64 << 10, fileSize.multipliedReportingOverflow(by: 2).partialValue)
    }
    package static let maxExports = 262_144
    package static let maxFunctions = 4_000_000
    package static let maxCodeMapEntries = 65_536
    package static let maxResourceEntries = 4096
    package static let maxResourceDepth = 3
    package static let maxManifestBytes = 1 << 20
    package static let maxDebugEntries = 64
    package static let maxNeeded = 4096
    package static let maxNotesBytes = 1 << 20
    package static let maxSymbols = 4_000_000
    /// ZIP archives: entries listed, bytes inflated per entry, and the compression ratio an
    /// entry may claim (deflate cannot exceed about 1032:1, so more is a zip bomb or a lie).
    package static let maxArchiveEntries = 200_000
    package static let maxArchiveEntryBytes = 512 << 20
    package static let maxCompressionRatio = 1100
}
