import Foundation
import InstructionSets
import Readiness
import Testing
@testable import BinaryFormats
@testable import Scanning

/// What a scan says about the packages it cannot read as the others: shared streams, end
/// records that disagree, stubs, archives inside archives, and files over the size budget.
@Suite("Package and large-file gaps")
struct ArchiveGapTests {
    private static func analyzer(isa: ISAOptions? = nil) throws -> BinaryAnalyzer {
        BinaryAnalyzer(
            rules: try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: []),
            target: try TargetProfile.load(),
            isa: isa)
    }

    private static func scan(_ files: [String: [UInt8]], isa: ISAOptions? = nil) throws -> ScanReport {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-gaps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, bytes) in files { try Data(bytes).write(to: root.appendingPathComponent(name)) }
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        return try Scanner.scan(
            ScanOptions(
                roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: isa, today: "2026-01-01",
                toolVersion: "test"))
    }

    private static let dll: [UInt8] = {
        let url = SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/pe/arm64_lib.dll")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    /// 60,000 central-directory entries pointing at one local header whose stream inflates to
    /// 2 MB: the first entry is sniffed and read once, the others are counted, not inflated.
    static func sharedStreamPackage(entries: Int = 60_000) -> (zip: [UInt8], inflated: Int) {
        let (stream, inflated) = Deflate.mzRun(copies: 8000)
        let local = HostileZip.Local(
            name: "lib/0.dll", method: 8, data: stream, uncompressedSize: UInt32(inflated.count),
            crc: inflated.withUnsafeBytes { Inflater.crc32($0) })
        var zip = HostileZip()
        let offset = zip.add(local)
        for index in 0..<entries { zip.directory.append(.init(local: local, name: "lib/\(index).dll", offset: offset)) }
        return (zip.finished(count: UInt16(truncatingIfNeeded: entries)), inflated.count)
    }

    @Test func entriesSharingOneStreamAreInflatedOnce() throws {
        let (zip, inflated) = Self.sharedStreamPackage()
        #expect(zip.count > 3_000_000)
        let scanner = ArchiveScanner(packages: PackageScanner(analyzer: try Self.analyzer()))
        let (outcome, work) = try zip.withUnsafeBytes { raw -> (FileOutcome, InflateWork) in
            let archive = try ZipArchive(raw)
            #expect(archive.entries.count == 60_000)
            return (scanner.scan(archive, displayPath: "evil.nupkg", lossy: false, release: nil), archive.work)
        }
        // One sniff of 4 bytes and one whole inflate, instead of a 1 MiB chunk per entry.
        #expect(work.streams == 2)
        #expect(work.bytesInflated == 4 + UInt64(inflated))
        guard case let .several(outcomes) = outcome else {
            Issue.record("not read as an archive")
            return
        }
        #expect(outcomes.count == 2)
        let diagnostics = outcomes.compactMap { if case let .diagnostic(diagnostic) = $0 { diagnostic } else { nil } }
        #expect(
            diagnostics == [
                ScanDiagnostic(
                    path: "evil.nupkg", kind: .inconsistentArchive,
                    message:
                        "59999 entries share the local header and data of an earlier entry (overlapping entries, a zip-bomb shape) "
                        + "and were not read, the first \"lib/1.dll\"")
            ])
    }

    @Test func anEndRecordCountingNoEntriesIsReadAndSaid() throws {
        var zip = HostileZip()
        zip.addEntry(HostileZip.stored("lib/arm64_lib.dll", Self.dll))
        let report = try Self.scan(["pkg.zip": zip.finished(count: 0)])
        #expect(report.binaries.map(\.path) == ["pkg.zip!/lib/arm64_lib.dll"])
        #expect(
            report.diagnostics == [
                ScanDiagnostic(
                    path: "pkg.zip", kind: .inconsistentArchive,
                    message: "the end record counts 0 entries, the central directory holds 1; all 1 were read")
            ])
    }

    @Test func aPackageBehindAStubIsOpened() throws {
        var zip = HostileZip()
        zip.addEntry(HostileZip.stored("lib/arm64_lib.dll", Self.dll))
        let stub = Array("#!/bin/sh\nexec python3 \"$0\" \"$@\"\n".utf8)
        let report = try Self.scan(["tool.zip": stub + zip.finished(), "notes.zip": Array("not a zip at all".utf8)])
        #expect(report.binaries.map(\.path) == ["tool.zip!/lib/arm64_lib.dll"])
        #expect(report.diagnostics.isEmpty)
        #expect(report.summary.notBinary == 1)  // notes.zip: no local header, no end record
    }

    /// A self-extractor: an executable with a ZIP appended (`copy /b stub.exe+pkg.zip`), as
    /// WinZip, 7-Zip's zip SFX and many installers ship. The stub is rated, and so is what it
    /// carries; an executable whose last bytes only look like an end record stays one binary.
    @Test func aPEWithAZIPAppendedIsRatedWithItsContents() throws {
        let stub = try [UInt8](
            Data(contentsOf: SampleTreeVerdictTests.repository.appendingPathComponent("Tests/Fixtures/pe/x64_gui.exe")))
        var zip = HostileZip()
        zip.addEntry(HostileZip.stored("payload/arm64_lib.dll", Self.dll))
        let lookalike = stub + Array("PK\u{5}\u{6}".utf8) + [UInt8](repeating: 0, count: 18)
        let report = try Self.scan(["setup.exe": stub + zip.finished(), "plain.exe": lookalike])
        #expect(report.binaries.map(\.path) == ["plain.exe", "setup.exe", "setup.exe!/payload/arm64_lib.dll"])
        #expect(report.binaries.map(\.machineName) == ["AMD64", "AMD64", "ARM64"])
        #expect(report.diagnostics.isEmpty)
    }

    /// A package inside a package is opened (within the scan's `PackageBudget`); a member that
    /// merely starts like a ZIP but is not named as a package is not.
    @Test func anArchiveInsideAnArchiveIsOpened() throws {
        var inner = HostileZip()
        inner.addEntry(HostileZip.stored("a.dll", Self.dll))
        var outer = HostileZip()
        outer.addEntry(HostileZip.stored("deps/inner.whl", inner.finished()))
        outer.addEntry(HostileZip.stored("deps/data.bin", Array("PK\u{3}\u{4} but not named as a package".utf8)))
        let report = try Self.scan(["outer.nupkg": outer.finished()])
        #expect(report.binaries.map(\.path) == ["outer.nupkg!/deps/inner.whl!/a.dll"])
        #expect(report.binaries.first?.packagedIn?.kind == "wheel")
        #expect(report.diagnostics.isEmpty)
        #expect(report.summary.notBinary == 1)
    }

    /// Over the budget a binary is still rated, from its headers, without a digest, and a
    /// diagnostic says so; under it nothing changes.
    @Test func aFileOverTheSizeBudgetIsRatedFromItsHeaders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("arm64_lib.dll")
        try Data(Self.dll).write(to: path)
        let file = WalkedFile(
            directory: .workingDirectory, name: Array(path.path.utf8), followLink: true, displayPath: "arm64_lib.dll",
            displayIsLossy: false, ordinal: 0)
        var analyzer = try Self.analyzer(isa: ISAOptions())
        guard case let .binary(identity, analysis, _) = analyzer.analyze(file) else {
            Issue.record("not rated under the budget")
            return
        }
        #expect(identity.sha256 != nil)
        #expect(analysis.isa != nil)
        analyzer.sizeBudget = Self.dll.count - 1
        guard case let .several(outcomes) = analyzer.analyze(file), outcomes.count == 2,
            case let .binary(overIdentity, overAnalysis, _) = outcomes[0],
            case let .diagnostic(diagnostic) = outcomes[1]
        else {
            Issue.record("no binary and diagnostic over the budget")
            return
        }
        #expect(overIdentity.sha256 == nil)
        #expect(overAnalysis.isa == nil)
        #expect(overAnalysis.machine == analysis.machine)
        #expect(
            diagnostic
                == ScanDiagnostic(
                    path: "arm64_lib.dll", kind: .overBudget,
                    message:
                        "the file is \(Self.dll.count) bytes, over the \(Self.dll.count - 1)-byte budget: rated from its headers only "
                        + "(no SHA-256, no instruction-set profile)"))
    }

    /// A sparse 20 GiB file that starts as a PE (`truncate -s 20G` after the image): the
    /// default 4 GiB budget keeps the scan to the headers, so nothing reads the zeros.
    @Test func aSparseTwentyGigabyteFileIsNotReadToTheEnd() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("armready-sparse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("huge.dll")
        try Data(Self.dll).write(to: path)
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 20 << 30)
        try handle.close()
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        let report = try Scanner.scan(
            ScanOptions(
                roots: [root.path], rules: rules, target: try TargetProfile.load(), isa: ISAOptions(),
                today: "2026-01-01",
                toolVersion: "test"))
        let binary = try #require(report.binaries.first)
        #expect(binary.path == "huge.dll")
        #expect(binary.size == 20 << 30)
        #expect(binary.sha256 == nil)
        #expect(report.diagnostics.map(\.kind) == [.overBudget])
    }

    /// The hostile shapes above, built small for damage rounds.
    static let hostile: [String: [UInt8]] = {
        var zeroCount = HostileZip()
        zeroCount.addEntry(HostileZip.stored("lib/arm64_lib.dll", dll))
        zeroCount.addEntry(HostileZip.stored("readme.txt", Array("hello".utf8)))
        var nested = HostileZip()
        nested.addEntry(HostileZip.stored("deps/inner.whl", zeroCount.finished()))
        let (stream, inflated) = Deflate.mzRun(copies: 400)
        nested.addEntry(
            .init(
                name: "lib/run.dll", method: 8, data: stream, uncompressedSize: UInt32(inflated.count),
                crc: inflated.withUnsafeBytes { Inflater.crc32($0) }))
        return [
            "shared-stream.nupkg": sharedStreamPackage(entries: 2000).zip,
            "zero-count.zip": zeroCount.finished(count: 0),
            "stub.zip": Array("#!/bin/sh\n".utf8) + zeroCount.finished(),
            "nested.nupkg": nested.finished(),
        ]
    }()

    /// Damaged copies of each hostile package through the archive scanner (seeded, a fixed
    /// number of rounds): never a trap, and never more compressed input read than twice the
    /// archive's bytes (entries' data do not overlap, and each is read at most for its sniff
    /// and once whole).
    @Test(arguments: hostile.keys.sorted())
    func damagedHostilePackagesNeverTrapAndStayBounded(name: String) throws {
        let original = try #require(Self.hostile[name])
        let scanner = ArchiveScanner(packages: PackageScanner(analyzer: try Self.analyzer()))
        var generator = SplitMix64(seed: name.utf8.reduce(UInt64(0x21F)) { $0 &* 31 &+ UInt64($1) })
        for round in 0..<300 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 6 + 1) {
                // Half the damage lands in the central directory and end record.
                let low = round % 2 == 0 ? 0 : max(0, bytes.count - 2048)
                bytes[low + Int(generator.next() % UInt64(bytes.count - low))] = UInt8(
                    truncatingIfNeeded: generator.next())
            }
            if round % 9 == 8 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            try bytes.withUnsafeBytes { raw throws in
                guard let archive = try? ZipArchive(raw) else { return }
                _ = scanner.scan(archive, displayPath: name, lossy: false, release: nil)
                #expect(archive.work.bytesConsumed <= 2 * UInt64(raw.count), "round \(round)")
            }
        }
    }
}
