import Crypto
import Foundation
import Readiness
import Testing
@testable import BinaryFormats
@testable import Scanning

/// Scanning a folder that holds a wheel rates the binaries inside it (entries per Python's
/// zipfile in Tests/Fixtures/archives/expected.json).
@Suite("Packages inside the scanned tree")
struct ArchiveScanTests {
    private func scan(archives: Bool) throws -> ScanReport {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "armready-archives-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("dist"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let wheel = "mixed-1.0-py3-none-any.whl"
        try FileManager.default.copyItem(
            at: SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/archives/\(wheel)"),
            to: root.appendingPathComponent("dist/\(wheel)"))
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let options = ScanOptions(
            roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: nil, archives: archives,
            today: "2026-01-01", toolVersion: "test")
        return try Scanner.scan(options)
    }

    @Test func theBinariesInsideAWheelAreRated() throws {
        let report = try scan(archives: true)
        let byPath = Dictionary(uniqueKeysWithValues: report.binaries.map { ($0.path, $0) })
        let prefix = "dist/mixed-1.0-py3-none-any.whl!/mixed/"
        #expect(
            byPath.keys.sorted() == [
                prefix + "_core.cp312-win_amd64.pyd", prefix + "_core.cp312-win_arm64.pyd", prefix + "libs/tool",
            ])
        #expect(byPath[prefix + "_core.cp312-win_amd64.pyd"]?.findings.first?.rule == "native-extension-not-arm64")
        #expect(byPath[prefix + "_core.cp312-win_arm64.pyd"]?.verdict == .native)
        #expect(byPath[prefix + "libs/tool"]?.execution == .arm64)
        // The SHA-256 of an entry is that of its uncompressed bytes (Python's zipfile + hashlib).
        #expect(
            byPath[prefix + "_core.cp312-win_amd64.pyd"]?.sha256
                == (try Self.entrySHA256("mixed/_core.cp312-win_amd64.pyd")))
        // The package is one application; the executable inside it makes its folder another.
        #expect(
            report.applications.map(\.id) == [
                "dist/mixed-1.0-py3-none-any.whl!", "dist/mixed-1.0-py3-none-any.whl!/mixed/libs",
            ])
        #expect(report.summary.notBinary == 1)  // mixed/__init__.py
    }

    @Test func noArchivesLeavesThePackageClosed() throws {
        let report = try scan(archives: false)
        #expect(report.binaries.isEmpty)
        #expect(report.summary.notBinary == 1)
    }

    static func entrySHA256(_ name: String) throws -> String? {
        struct Entry: Decodable { let name: String; let sha256: String }
        let data = try Data(
            contentsOf: SampleTreeVerdictTests.repository.appendingPathComponent(
                "Tests/Fixtures/archives/expected.json"))
        return try JSONDecoder().decode([String: [Entry]].self, from: data).values.joined().first { $0.name == name }?
            .sha256
    }
}

/// An entry above `ZipArchive.inMemoryLimit` goes through a temporary file, which is gone
/// afterwards.
@Suite("Large package entries")
struct LargeArchiveEntryTests {
    @Test func aLargeEntryIsRatedFromATemporaryFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-big-\(UUID().uuidString)")
        let temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let zip = ZipBytes.stored(name: "big.dll", data: payload)
        try Data(zip).write(to: root.appendingPathComponent("pkg.zip"))
        // The temporary file is unlinked as soon as it is made: the mapping outlives the name.
        let mapped = try zip.withUnsafeBytes { raw in
            let archive = try ZipArchive(raw)
            return try archive.extractToTemporaryFile(archive.entries[0], directory: temporary.path)
        }
        #expect(Array(mapped.bytes) == payload)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let report = try Scanner.scan(
            ScanOptions(
                roots: [root.appendingPathComponent("pkg.zip").path], rules: rules, target: try TargetProfile.load(),
                isa: nil,
                today: "2026-01-01", toolVersion: "test"))
        let binary = try #require(report.binaries.first)
        #expect(binary.path == "pkg.zip!/big.dll")
        #expect(binary.size == payload.count)
        #expect(binary.sha256 == SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined())
    }

    static let payload: [UInt8] = {
        var bytes = [UInt8](repeating: 0, count: Int(ZipArchive.inMemoryLimit) + 4096)
        bytes[0] = 0x4D
        bytes[1] = 0x5A
        return bytes
    }()
    var payload: [UInt8] { Self.payload }
}

/// A one-entry stored ZIP (APPNOTE.TXT layout), CRC-32 from zlib through the reader's helper.
enum ZipBytes {
    static func stored(name: String, data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: UInt16) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) { for i in 0..<4 { out.append(UInt8((v >> (8 * i)) & 0xFF)) } }
        let nameBytes = Array(name.utf8)
        let crc = data.withUnsafeBytes { Inflater.crc32($0) }
        u32(0x0403_4B50); u16(20); u16(0); u16(0); u16(0); u16(0); u32(crc)
        u32(UInt32(data.count)); u32(UInt32(data.count)); u16(UInt16(nameBytes.count)); u16(0)
        out += nameBytes + data
        let directory = out.count
        u32(0x0201_4B50); u16(20); u16(20); u16(0); u16(0); u16(0); u16(0); u32(crc)
        u32(UInt32(data.count)); u32(UInt32(data.count)); u16(UInt16(nameBytes.count)); u16(0); u16(0); u16(0); u16(0)
        u32(0); u32(0)
        out += nameBytes
        let size = out.count - directory
        u32(0x0605_4B50); u16(0); u16(0); u16(1); u16(1); u32(UInt32(size)); u32(UInt32(directory)); u16(0)
        return out
    }
}

/// Repeated names must not make two report entries with one path (nor trap).
@Suite("Repeated paths")
struct RepeatedPathTests {
    @Test func anArchiveThatNamesAnEntryTwiceAndARootGivenTwice() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let dll = [UInt8](
            try Data(
                contentsOf: SampleTreeVerdictTests.repository.appendingPathComponent(
                    "Tests/Fixtures/pe/x64_exports.dll")))
        let one = ZipBytes.stored(name: "a.dll", data: dll)
        // Two local entries and two directory entries, both named a.dll: splice the one-entry
        // archive's pieces (local part, directory entry, end record) twice.
        let endOffset = one.count - 22
        let directoryOffset = Int(one[endOffset + 16]) | Int(one[endOffset + 17]) << 8 | Int(one[endOffset + 18]) << 16
        let local = Array(one[0..<directoryOffset])
        var central = Array(one[directoryOffset..<endOffset])
        var zip = local + local
        let secondLocal = UInt32(local.count)
        var second = central
        for index in 0..<4 { second[42 + index] = UInt8((secondLocal >> (8 * UInt32(index))) & 0xFF) }
        let directoryStart = UInt32(zip.count)
        central += second
        zip += central
        let size = UInt32(central.count)
        zip += [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 2, 0, 2, 0]
        for value in [size, directoryStart] {
            for index in 0..<4 { zip.append(UInt8((value >> (8 * UInt32(index))) & 0xFF)) }
        }
        zip += [0, 0]
        try Data(zip).write(to: root.appendingPathComponent("dup.zip"))
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let report = try Scanner.scan(
            ScanOptions(
                roots: [root.path, root.path + "/"], rules: rules, target: try TargetProfile.load(), isa: nil,
                today: "2026-01-01", toolVersion: "test"))
        #expect(report.binaries.map(\.path) == ["dup.zip!/a.dll"])
        #expect(
            report.diagnostics.map(\.message) == [
                "the archive names this entry more than once; only the first is rated"
            ])
    }
}
