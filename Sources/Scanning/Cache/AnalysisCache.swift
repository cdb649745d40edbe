import Crypto
import Foundation
import InstructionSets

/// What earlier scans learned from binaries' bytes, kept on disk by SHA-256 so that a scan of
/// files already seen (another checkout, another root, the next CI run with the folder
/// restored) skips reading and decoding them. Rules, targets, paths and applications are
/// evaluated afresh every time; only the `AnalyzedBinary` is kept.
///
/// An entry is valid only for the armready build that wrote it (`fingerprint`: a hash of the
/// running executable, so any change to the readers or decoders starts a fresh cache) and for
/// the same instruction-set options. Entries are written to a temporary file and renamed, so
/// concurrent scans never see half an entry; an entry that does not decode is ignored and
/// written again.
package struct AnalysisCache: Sendable {
    /// Layout version of the folder.
    static let layout = "v1"
    /// Larger entries are not read back (a hostile or damaged cache cannot make a scan read
    /// without bound).
    static let maxEntryBytes = 64 << 20

    package let directory: String
    package let fingerprint: String

    package init(directory: String, fingerprint: String) {
        self.directory = directory
        self.fingerprint = fingerprint
    }

    /// A fingerprint of the running armready executable (SHA-256 of `/proc/self/exe`), or of
    /// `fallback` when the executable cannot be read.
    package static func executableFingerprint(fallback: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/exe") else { return "version-" + fallback }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    func load(sha256: String, isa: ISAOptions?) -> AnalyzedBinary? {
        guard let path = path(sha256: sha256, isa: isa), let handle = FileHandle(forReadingAtPath: path) else {
            return nil
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maxEntryBytes + 1), data.count <= Self.maxEntryBytes else {
            return nil
        }
        return try? JSONDecoder().decode(AnalyzedBinary.self, from: data)
    }

    func store(_ analysis: AnalyzedBinary, sha256: String, isa: ISAOptions?) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let path = path(sha256: sha256, isa: isa), let data = try? encoder.encode(analysis) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/.\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// `<directory>/v1/<fingerprint>/<options>/<2 hex>/<sha256>.json`; nil for a digest that
    /// is not 64 hex digits (it names a file, so it must not name anything else).
    private func path(sha256: String, isa: ISAOptions?) -> String? {
        guard sha256.utf8.count == 64,
            sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            return nil
        }
        let options = isa.map { "isa-\($0.maxDecodedBytes)-\($0.examplesPerExtension)" } ?? "headers"
        return [directory, Self.layout, fingerprint, options, String(sha256.prefix(2)), sha256 + ".json"].joined(
            separator: "/")
    }
}
