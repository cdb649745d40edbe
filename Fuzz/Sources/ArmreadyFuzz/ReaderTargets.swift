import BinaryFormats
import InstructionSets
import Readiness

/// Fuzz targets for the file readers.
enum ReaderTargets {
    static func pe(_ bytes: UnsafeRawBufferPointer) {
        profile(Result { () throws(BinaryFormatError) in try PEReader.read(bytes) }, bytes)
    }

    static func elf(_ bytes: UnsafeRawBufferPointer) {
        profile(Result { () throws(BinaryFormatError) in try ELFReader.read(bytes) }, bytes)
    }

    /// The facts of what was read, and the code plan over the file, without decoding: the
    /// decoders have targets of their own, and decoding would cut executions tenfold.
    private static func profile(_ read: Result<BinaryImage, BinaryFormatError>, _ bytes: UnsafeRawBufferPointer) {
        guard case let .success(image) = read else { return }
        let profile = ISAAnalyzer.profile(image: image, bytes: bytes, options: ISAOptions(maxDecodedBytes: 0))
        _ = FactsBuilder.facts(for: image, profile: profile)
    }

    static func zip(_ bytes: UnsafeRawBufferPointer) {
        guard let archive = try? ZipArchive(bytes) else { return }
        for entry in archive.entries.prefix(64) {
            _ = try? archive.prefix(of: entry, length: 4)
            _ = try? archive.contents(of: entry)
        }
    }

    static func cab(_ bytes: UnsafeRawBufferPointer) {
        _ = CabinetArchive.offsets(in: bytes, limit: 4)
        guard let archive = try? CabinetArchive(bytes) else { return }
        for file in archive.files.prefix(64) {
            _ = try? archive.prefix(of: file, length: 4)
            _ = try? archive.contents(of: file, limit: 1 << 20)
        }
        archive.forEachFile(limit: 1 << 20) { _, _ in }
    }
}
