import Foundation
import Readiness
import Testing
@testable import BinaryFormats
@testable import Scanning

/// Damaged and hostile installers through the whole scan: truncated and corrupted MSI, CAB and
/// bundle files, a cabinet bomb, member names that climb out of the cabinet, and a cabinet
/// twenty zips deep. Each gives a diagnostic (or is not a binary) and never a trap; nothing is
/// written beside the scanned files.
extension InstallerScanTests {
    static let damaged = [
        "installers/msi-x64.msi", "installers/cab-mszip.cab", "installers/7z-solid.7z", "packages/Contoso.msixbundle",
    ]

    static func fixture(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.deletingLastPathComponent().appendingPathComponent(relative)))
    }

    /// Scans a directory of `copies` (all named `<stem>-<n>.<ext>`) and checks that each copy's
    /// results stay under its own name, that the scan wrote nothing, and returns the report.
    static func scanCopies(_ copies: [String: [UInt8]]) throws -> ScanReport {
        let root = try temporary(copies)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try scan([root])
        let after = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(Set(after) == Set(copies.keys))
        for binary in report.binaries {
            let file = String(binary.path.split(separator: "!/", maxSplits: 1).first ?? "")
            #expect(copies[file] != nil, "\(binary.path)")
            // A rated binary is a file: its path never names a folder.
            #expect(!binary.path.hasSuffix("/"), "\(binary.path)")
        }
        for diagnostic in report.diagnostics {
            let file = String(diagnostic.path.split(separator: "!/", maxSplits: 1).first ?? "")
            #expect(copies[file] != nil, "\(diagnostic.path)")
        }
        return report
    }

    static func named(_ relative: String, _ index: Int) -> String {
        let name = (relative as NSString).lastPathComponent
        return "\((name as NSString).deletingPathExtension)-\(index).\((name as NSString).pathExtension)"
    }

    @Test(.timeLimit(.minutes(10)), arguments: damaged)
    func everyNinetySeventhTruncationIsScanned(relative: String) throws {
        let original = try Self.fixture(relative)
        var copies: [String: [UInt8]] = [:]
        for length in stride(from: 0, to: original.count, by: 97) {
            copies[Self.named(relative, length)] = Array(original.prefix(length))
        }
        let report = try Self.scanCopies(copies)
        // Every cut copy is refused or read in part with a reason naming it (the empty one is
        // not a binary).
        let diagnosed = Set(
            report.diagnostics.map { String($0.path.split(separator: "!/", maxSplits: 1).first ?? "") })
        for (name, bytes) in copies where !bytes.isEmpty {
            #expect(diagnosed.contains(name), "\(name): no diagnostic")
        }
    }

    @Test(.timeLimit(.minutes(10)), arguments: damaged)
    func threeHundredSeededByteFlipsAreScanned(relative: String) throws {
        let original = try Self.fixture(relative)
        var generator = SplitMix64(seed: relative.utf8.reduce(UInt64(0x1257)) { $0 &* 31 &+ UInt64($1) })
        var copies: [String: [UInt8]] = [:]
        for round in 0..<300 {
            var bytes = original
            // Headers, directories and the first sectors more often than the payload.
            let region = round % 3 == 0 ? bytes.count : min(bytes.count, 0x800)
            for _ in 0..<Int(generator.next() % 8 + 1) {
                bytes[Int(generator.next() % UInt64(region))] = UInt8(truncatingIfNeeded: generator.next())
            }
            copies[Self.named(relative, round)] = bytes
        }
        _ = try Self.scanCopies(copies)
    }

    static func le(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// A cabinet of one stored folder (compression 0) holding `members`, laid out as the
    /// Microsoft Cabinet Format specification says (CFHEADER, CFFOLDER, CFFILEs, CFDATAs of at
    /// most 32 KiB); checksums 0, which readers do not check.
    static func storedCabinet(_ members: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        let data = members.flatMap(\.bytes)
        let chunks = stride(from: 0, to: max(data.count, 1), by: 32_768).map {
            Array(data[$0..<min($0 + 32_768, data.count)])
        }
        let filesOffset = 36 + 8
        let fileBytes = members.reduce(0) { $0 + 16 + $1.name.utf8.count + 1 }
        let dataOffset = filesOffset + fileBytes
        let total = dataOffset + chunks.reduce(0) { $0 + 8 + $1.count }
        var bytes = Array("MSCF".utf8) + le(0, 4) + le(total, 4) + le(0, 4) + le(filesOffset, 4) + le(0, 4)
        bytes += [3, 1] + le(1, 2) + le(members.count, 2) + le(0, 2) + le(0, 2) + le(0, 2)
        bytes += le(dataOffset, 4) + le(chunks.count, 2) + le(0, 2)
        var offset = 0
        for member in members {
            bytes += le(member.bytes.count, 4) + le(offset, 4) + le(0, 2) + le(0x5C21, 2) + le(0, 2) + le(0x20, 2)
            bytes += Array(member.name.utf8) + [0]
            offset += member.bytes.count
        }
        for chunk in chunks { bytes += le(0, 4) + le(chunk.count, 2) + le(chunk.count, 2) + chunk }
        return bytes
    }

    static var armDLL: [UInt8] {
        (try? fixture("pe/arm64_lib.dll")) ?? []
    }

    @Test func aStoredCabinetBuiltHereIsRead() throws {
        let report = try Self.scanCopies(["plain.cab": Self.storedCabinet([("lib.dll", Self.armDLL)])])
        #expect(report.binaries.map(\.path) == ["plain.cab!/lib.dll"])
        #expect(report.binaries.map(\.machineName) == ["ARM64"])
    }

    /// Cabinets separate folders with a backslash: `gcab -c t.cab amd64/lib.dll` stores
    /// `amd64\lib.dll` (gcab -l), which `7zz l` lists as `amd64/lib.dll`. Report paths use `/`.
    @Test func aCabinetMemberInAFolderIsReportedWithSlashes() throws {
        let report = try Self.scanCopies(["drivers.cab": Self.storedCabinet([("amd64\\lib.dll", Self.armDLL)])])
        #expect(report.binaries.map(\.path) == ["drivers.cab!/amd64/lib.dll"])
    }

    /// A member whose CFFILE claims 4 GB in a folder of two blocks (the shape of a cabinet
    /// bomb): refused before anything is inflated, with a diagnostic.
    @Test(.timeLimit(.minutes(10))) func aCabinetBombIsRefused() throws {
        var bomb = Self.storedCabinet([("bomb.dll", Self.armDLL + [UInt8](repeating: 0, count: 40_000))])
        // The only CFFILE follows the one CFFOLDER: its size is its first field.
        bomb.replaceSubrange(44..<48, with: Self.le(0xFFFF_FFFF, 4))
        var fixture = try Self.bytes("cab-mszip.cab")
        fixture.replaceSubrange(44..<48, with: Self.le(0xFFFF_FFFF, 4))
        let report = try Self.scanCopies(["bomb.cab": bomb, "claim.cab": fixture])
        #expect(!report.binaries.contains { $0.path.hasPrefix("bomb.cab!/") })
        #expect(report.diagnostics.contains { $0.path.hasPrefix("bomb.cab") }, "\(report.diagnostics)")
        #expect(report.diagnostics.contains { $0.path.hasPrefix("claim.cab") }, "\(report.diagnostics)")
    }

    /// Names that would climb out of an extraction folder stay names inside the cabinet's
    /// report path, and the scan extracts nothing to disk.
    @Test func traversalNamesStayInsideTheCabinet() throws {
        let dll = Self.armDLL
        let cab = Self.storedCabinet([("../../evil.dll", dll), ("C:\\evil.dll", dll), ("..\\..\\up.dll", dll)])
        let report = try Self.scanCopies(["trav.cab": cab])
        #expect(report.binaries.count == 3)
        for binary in report.binaries {
            #expect(binary.path.hasPrefix("trav.cab!/"), "\(binary.path)")
            #expect(binary.application == "trav.cab!", "\(binary.path)")
            #expect(binary.machineName == "ARM64")
        }
        #expect(report.applications.map(\.id) == ["trav.cab!"])
    }

    /// hostile-names.msi (make-msi.sh): msiinfo export File gives `AppExe … APP~1.EXE|` (an empty
    /// long name) and `ExportsDll … ..\..\evil.dll`. The first is named by its File key rather
    /// than by its folder's path; the second stays a name inside the MSI's report path.
    @Test func hostileFileNamesInAnMSIStayFileNamesInsideIt() throws {
        let name = "hostile-names.msi"
        let root = try Self.temporary([name: try Self.bytes(name)])
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Self.scan([root])
        #expect(
            report.binaries.map(\.path) == [
                "\(name)!/ProgramFiles64Folder/Contoso/AppExe",
                "\(name)!/ProgramFiles64Folder/Contoso/bin/..\\..\\evil.dll",
            ])
        #expect(report.binaries.allSatisfy { $0.application == "\(name)!" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [name])
    }

    /// hostile-media.msi (make-msi.sh): msiinfo export Media gives Cabinet `../data1.cab`. The
    /// MSI's tables are file data: the cabinet one folder up is not read through it.
    @Test func anExternalCabinetNameLeavingTheFolderIsNotFollowed() throws {
        let root = try Self.temporary(["data1.cab": try Self.bytes("data1.cab")])
        defer { try? FileManager.default.removeItem(at: root) }
        let sub = root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data(try Self.bytes("hostile-media.msi")).write(to: sub.appendingPathComponent("hostile-media.msi"))
        let report = try Self.scan([root])
        #expect(!report.binaries.contains { $0.path.hasPrefix("sub/hostile-media.msi!/") })
        let diagnostic = try #require(report.diagnostics.first { $0.path == "sub/hostile-media.msi" })
        #expect(diagnostic.kind == .notOpened)
        #expect(diagnostic.message.contains("\"../data1.cab\" is not a plain file name"), "\(diagnostic.message)")
    }

    /// A cabinet inside twenty nested zips: the one budget stops at its depth and says so.
    @Test func aCabinetTwentyZipsDeepStopsAtTheBudget() throws {
        var inner = try Self.bytes("cab-mszip.cab")
        var name = "payload.cab"
        for level in 0..<20 {
            var zip = HostileZip()
            zip.addEntry(HostileZip.stored(name, inner))
            inner = zip.finished()
            name = "level\(level).zip"
        }
        let report = try Self.scanCopies(["deep.zip": inner])
        #expect(report.binaries.isEmpty)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.kind == .notOpened)
        #expect(diagnostic.path.components(separatedBy: "!/").count == PackageBudget.maxDepth + 1)
    }

    /// Eight levels fit the budget: the cabinet's PE members are rated under the full path.
    @Test func aCabinetInsideZipsWithinTheBudgetIsRated() throws {
        var inner = try Self.bytes("cab-mszip.cab")
        var name = "payload.cab"
        var path: [String] = []
        for level in 0..<(PackageBudget.maxDepth - 1) {
            var zip = HostileZip()
            zip.addEntry(HostileZip.stored(name, inner))
            inner = zip.finished()
            path.insert(name, at: 0)
            name = "level\(level).zip"
        }
        let report = try Self.scanCopies(["nest.zip": inner])
        let prefix = (["nest.zip"] + path).joined(separator: "!/") + "!/"
        let cab = try #require(try Self.decode("cab-expected.json", as: [String: CAB].self)["cab-mszip.cab"])
        let expected = Set((cab.files ?? []).filter { Self.peDigests.contains($0.sha256) }.map { prefix + $0.name })
        #expect(Set(report.binaries.map(\.path)) == expected, "\(report.diagnostics)")
    }
}
