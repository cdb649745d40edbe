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
        if image.format == .pe { _ = InstallerEngineDetector.detect(image: image, bytes: bytes) }
        _ = FactsBuilder.facts(for: image, profile: profile)
    }

    static func zip(_ bytes: UnsafeRawBufferPointer) {
        guard let archive = try? ZipArchive(bytes) else { return }
        for entry in archive.entries.prefix(64) {
            _ = try? archive.prefix(of: entry, length: 4)
            _ = try? archive.contents(of: entry)
        }
    }

    /// The MSI reader (compound file, string pool, tables, Summary Information), the streams a
    /// scan reads (cabinets, Binary rows) with small limits, and the package-manifest readers,
    /// the Burn manifest reader and the condition evaluator over the same bytes as text.
    static func msi(_ bytes: UnsafeRawBufferPointer) {
        let text = Array(bytes.prefix(1 << 16))
        _ = AppxManifest(text)
        _ = AppxBundleManifest(text).selectedForArm64
        _ = WheelTags.platforms(wheelMetadata: XMLTagScanner.text(text))
        _ = BurnManifest(text).members(ofAttached: 1)
        _ = MSICondition(String(decoding: text.prefix(MSICondition.maxLength), as: UTF8.self))?.evaluate {
            $0.count > 3 ? "1" : nil
        }
        guard let database = try? MSIDatabase(bytes) else { return }
        for medium in database.media.prefix(16) {
            if let cabinet = medium.cabinet, cabinet.hasPrefix("#") {
                _ = try? database.stream(named: String(cabinet.dropFirst()), limit: 1 << 20)
            }
        }
        for binary in database.binaries.prefix(16) {
            _ = try? database.stream(named: binary.streamName, limit: 1 << 20)
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

    /// With both CRCs made right first: a mutation would almost always break one, and the
    /// header parser behind them is what needs the coverage.
    static func sevenZip(_ input: UnsafeRawBufferPointer) {
        var copy = Array(input)
        SevenZipArchive.fixCRCs(&copy)
        copy.withUnsafeBytes { sevenZipAsIs($0) }
    }

    private static func sevenZipAsIs(_ bytes: UnsafeRawBufferPointer) {
        guard let archive = try? SevenZipArchive(bytes) else { return }
        // As SevenZipScanner: the entries' stated sizes may not pass 1100 times the input.
        var work = UInt64(bytes.count) * UInt64(ReadLimits.maxCompressionRatio)
        for _ in 0..<64 {
            guard let entry = try? archive.next(), entry.size <= work else { return }
            work -= entry.size
            guard (try? archive.read(upTo: 4)) != nil, (try? archive.readRest { _ in }) != nil else { return }
        }
    }
}
