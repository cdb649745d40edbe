#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// A fresh writable directory for one test, filled from the committed fixtures and samples
/// (style rule 17: fixtures are copied before use, never scanned or changed in place).
/// Removed when the value goes away.
final class TemporaryTree {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("armready-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Undo `chmod 000` and friends so the removal cannot fail half-way.
        _ = chmod(url.path, 0o755)
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let relative as String in enumerator {
                _ = chmod(url.appendingPathComponent(relative).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: url)
    }

    /// Root ignores file modes, so as root a scan runs as `nobody` (65534) through util-linux
    /// `setpriv`, after making the whole tree world-readable (the caller then takes access away
    /// from one entry). Returns the command prefix for `Armready.run`, empty when not root.
    func unprivilegedPrefix() throws -> [String] {
        guard geteuid() == 0 else { return [] }
        let setpriv = "/usr/bin/setpriv"
        try #require(
            FileManager.default.isExecutableFile(atPath: setpriv),
            "running as root needs util-linux setpriv to drop privileges")
        #expect(chmod(path, 0o755) == 0)
        let enumerator = try #require(FileManager.default.enumerator(atPath: path))
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let entry = path + "/" + relative
            _ = FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory)
            #expect(chmod(entry, isDirectory.boolValue ? 0o755 : 0o644) == 0)
        }
        return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    }

    /// `Tests/Fixtures/<relative>` in the repository.
    static func fixture(_ relative: String) -> URL {
        Armready.packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// `Samples/<relative>` in the repository.
    static func sample(_ relative: String) -> URL {
        Armready.packageRoot.appendingPathComponent("Samples").appendingPathComponent(relative)
    }

    /// The bytes of a committed fixture.
    static func fixtureBytes(_ relative: String) throws -> Data {
        try Data(contentsOf: fixture(relative))
    }

    /// Copies a file or directory into the tree at `destination` (a relative path; missing
    /// parent directories are created). Contents only: `FileManager.copyItem` also copies the
    /// owner on Linux, which fails when the tests do not run as the files' owner.
    @discardableResult
    func copy(_ source: URL, to destination: String) throws -> URL {
        let target = url.appendingPathComponent(destination)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.copyContents(source, to: target)
        return target
    }

    private static func copyContents(_ source: URL, to target: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: source.path])
        }
        if isDirectory.boolValue {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
                try copyContents(source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        } else {
            try Data(contentsOf: source).write(to: target)
        }
    }

    /// Writes `data` at the relative path `destination`, creating parent directories.
    @discardableResult
    func write(_ data: Data, to destination: String) throws -> URL {
        let target = url.appendingPathComponent(destination)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// Writes text at the relative path `destination`.
    @discardableResult
    func write(_ text: String, to destination: String) throws -> URL {
        try write(Data(text.utf8), to: destination)
    }

    /// Creates a file at the raw relative path `name` (bytes that need not be UTF-8, so a Swift
    /// `String` cannot hold them; parent directories must exist), through `open(2)`/`write(2)`.
    func writeRawName(_ name: [UInt8], contents: Data) throws {
        let path = Array(url.path.utf8) + [0x2F] + name + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map {
                $0.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                }
            } ?? -1
        }
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { raw in
            raw.baseAddress.map { Glibc.write(descriptor, $0, raw.count) } ?? 0
        }
        guard written == contents.count else { throw POSIXError(.EIO) }
    }

    /// Creates a directory at the raw relative path `name` (bytes that need not be UTF-8).
    func makeRawDirectory(_ name: [UInt8]) throws {
        let path = Array(url.path.utf8) + [0x2F] + name + [0]
        let status = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { $0.withMemoryRebound(to: CChar.self, capacity: buffer.count) { mkdir($0, 0o755) } }
                ?? -1
        }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Names of the entries directly in `relative` (for "no temporary files left" checks).
    func entries(in relative: String = ".") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(relative).path).sorted()
    }

    /// A JSON object read from a file in the tree.
    func json(at relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let data = try Data(contentsOf: url.appendingPathComponent(relative))
        return try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Any], sourceLocation: sourceLocation)
    }
}
