#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import InstructionSets
import Readiness
import Testing
@testable import Scanning

/// The walk streams into the analysers (issue 14): a tree deeper than `PATH_MAX` is walked
/// through directory descriptors and its binary reported by its whole path, with the
/// descriptors held at once bounded; files that are not binaries change nothing but the
/// counts; and the report is the same bytes whatever the number of threads.
///
/// Serialized: the descriptor count is the process's, so the suite's own large scans must
/// not overlap it.
@Suite("Streaming walk", .serialized)
struct StreamingWalkTests {
    static let x64 = "pe/x64_gui.exe"

    /// The largest number of entries in /proc/self/fd seen at any progress update.
    final class DescriptorPeak: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var peak = 0
        func sample() {
            let count = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
            lock.lock()
            peak = max(peak, count)
            lock.unlock()
        }
    }

    static func options(roots: [String], concurrency: Int? = nil) throws -> ScanOptions {
        let rules = try RuleSet.load(builtIn: EmbeddedRules.files, userDirectories: [], disabled: [])
        return ScanOptions(
            roots: roots, rules: rules, target: try TargetProfile.load(), isa: nil, today: "2026-01-01",
            toolVersion: "test", concurrency: concurrency)
    }

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// `count` files of text in `count / perDirectory` directories under `root/junk`.
    static func addNonBinaries(_ count: Int, perDirectory: Int, to root: URL) throws {
        for index in 0..<count {
            let directory = root.appendingPathComponent(String(format: "junk/d%03d", index / perDirectory))
            if index % perDirectory == 0 {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            // open/write/close: Foundation's Data.write costs milliseconds a file here.
            let fd = open(directory.appendingPathComponent("f\(index).txt").path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            #expect(fd >= 0)
            let text = Array("line \(index)\n".utf8)
            #expect(write(fd, text, text.count) == text.count)
            close(fd)
        }
    }

    /// 2,000 levels of 10-character names: the bottom file's path is over 22,000 bytes, five
    /// times `PATH_MAX`. x64_gui.exe is x64 (machine 0x8664 per pefile, expected.json), so it
    /// is rated `emulated`; the 2,000 notes on the way down are counted as non-binaries.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")), .timeLimit(.minutes(10)))
    func aBinaryTwoThousandLevelsDownIsRatedByItsWholePath() throws {
        let tree = try DeepTree(
            levels: 2_000, bottomName: "tool.exe",
            bottom: try Data(contentsOf: FixtureTree.fixtures.appendingPathComponent(Self.x64)))
        defer { tree.remove() }
        let expectedPath = tree.bottomPath("tool.exe")
        #expect(expectedPath.utf8.count > Int(PATH_MAX))

        let descriptors = DescriptorPeak()
        descriptors.sample()
        let before = descriptors.peak
        let report = try Scanner.scan(try Self.options(roots: [tree.root.path])) { _ in descriptors.sample() }

        #expect(report.binaries.map(\.path) == [expectedPath])
        #expect(report.binaries.first?.verdict == .emulated)
        #expect(report.binaries.first?.machine == 0x8664)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.summary.filesExamined == 2_001)
        #expect(report.summary.notBinary == 2_000)
        // Every ancestor on the way down still had `side/` to enter, so a walk holding them all
        // has 2,000 descriptors open at the bottom (2,004 measured with an unbounded stack).
        // Bounded: the stack's handles (2 * 32 + 1), the directories of the queued files (128)
        // and a few per analysing thread, far below RLIMIT_NOFILE's usual 1,024.
        #expect(descriptors.peak - before < 400, "\(descriptors.peak - before) descriptors open at once")
    }

    /// The same binaries, applications and diagnostics with 20,000 text files beside them;
    /// only `filesExamined` and `notBinary` grow, by exactly the files added.
    @Test(.timeLimit(.minutes(10)))
    func twentyThousandNonBinariesChangeOnlyTheCounts() throws {
        let plain = try FixtureTree.make(["app/editor.exe": Self.x64, "app/lib/core.dll": "pe/arm64_lib.dll"])
        defer { try? FileManager.default.removeItem(at: plain) }
        let crowded = try FixtureTree.make(["app/editor.exe": Self.x64, "app/lib/core.dll": "pe/arm64_lib.dll"])
        defer { try? FileManager.default.removeItem(at: crowded) }
        try Self.addNonBinaries(20_000, perDirectory: 200, to: crowded.appendingPathComponent("app"))

        let alone = try Scanner.scan(try Self.options(roots: [plain.appendingPathComponent("app").path]))
        let among = try Scanner.scan(try Self.options(roots: [crowded.appendingPathComponent("app").path]))
        #expect(alone.binaries.map(\.path) == ["editor.exe", "lib/core.dll"])
        #expect(try Self.json(among.binaries) == Self.json(alone.binaries))
        #expect(try Self.json(among.applications) == Self.json(alone.applications))
        #expect(among.diagnostics == alone.diagnostics)
        #expect(alone.summary.filesExamined == 2)
        #expect(among.summary.filesExamined == 20_002)
        #expect(among.summary.notBinary == alone.summary.notBinary + 20_000)
        #expect(among.summary.binaries == 2)
    }

    /// One thread or four, the report is the same bytes: binaries sorted by path, diagnostics
    /// by path and kind, whatever order the threads finished in. The tree mixes Samples/ (with
    /// its packages), 5,000 text files and a FIFO (a diagnostic).
    @Test(.timeLimit(.minutes(10)))
    func oneThreadAndFourGiveTheSameReport() throws {
        let tree = try FixtureTree.make(["tools/editor.exe": Self.x64])
        defer { try? FileManager.default.removeItem(at: tree) }
        try Self.addNonBinaries(5_000, perDirectory: 100, to: tree)
        #expect(mkfifo(tree.appendingPathComponent("tools/pipe.exe").path, 0o644) == 0)
        let roots = [SampleTreeVerdictTests.samples, tree.path]

        let one = try Scanner.scan(try Self.options(roots: roots, concurrency: 1))
        let four = try Scanner.scan(try Self.options(roots: roots, concurrency: 4))
        #expect(try Self.json(one) == Self.json(four))
        #expect(one.diagnostics.map(\.kind) == [.specialFile])
        #expect(one.binaries.count > 10)
        #expect(one.binaries.map(\.path) == one.binaries.map(\.path).sorted())
    }

    /// Progress comes while the walk is still finding files, and ends complete: every file
    /// found analysed, `found` then the scan's `filesExamined`.
    @Test func progressIsReportedWhileWalking() throws {
        let tree = try FixtureTree.make(["a/editor.exe": Self.x64, "b/core.dll": "pe/arm64_lib.dll"])
        defer { try? FileManager.default.removeItem(at: tree) }
        try Self.addNonBinaries(300, perDirectory: 30, to: tree)
        final class Updates: @unchecked Sendable {
            let lock = NSLock()
            var all: [ScanProgressUpdate] = []
        }
        let updates = Updates()
        let report = try Scanner.scan(try Self.options(roots: [tree.path])) { update in
            updates.lock.lock()
            updates.all.append(update)
            updates.lock.unlock()
        }
        let all = updates.all
        #expect(report.summary.filesExamined == 302)
        #expect(all.first?.walkFinished == false)
        #expect(all.contains { !$0.walkFinished && $0.found > 0 })
        #expect(all.filter(\.walkFinished).allSatisfy { $0.found == 302 })
        #expect(all.contains { $0.isComplete })
        #expect(all.filter { !$0.walkFinished }.allSatisfy { $0.analysed <= $0.found })
    }
}
