#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// Output that cannot be written (a full disk, a closed pipe) is exit status 2 with one
/// sentence on standard error, never 0 and never a death by SIGPIPE (README, "The CI gate and
/// exit status"). The reasons are the C library's `strerror` texts: ENOSPC "No space left on
/// device", EPIPE "Broken pipe".
@Suite("armready: lost writes")
struct LostWriteTests {
    static let noSpace = "No space left on device"
    static let hasDevFull = FileManager.default.fileExists(atPath: "/dev/full")

    /// `env --default-signal=PIPE`, so the child starts with SIGPIPE's default action (death)
    /// even if the test runner ignores it: only armready's own `signal(SIGPIPE, SIG_IGN)` may
    /// save it. Empty where `env` lacks the option (then the child inherits the runner's).
    static let defaultSIGPIPE: [String] = {
        let env = "/usr/bin/env"
        guard FileManager.default.isExecutableFile(atPath: env) else { return [] }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: env)
        probe.arguments = ["--default-signal=PIPE", "true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return [] }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? [env, "--default-signal=PIPE"] : []
    }()

    @Test func reportToAPipeWithoutReaderIsIncompleteNotASignalDeath() throws {
        let pipe = Pipe()
        // Closed before armready starts: its first write to standard output meets no reader.
        try pipe.fileHandleForReading.close()
        let result = try Armready.run(
            ["scan", "Samples", "--report", "json"], in: Armready.packageRoot, prefix: Self.defaultSIGPIPE,
            standardOutput: pipe)
        try? pipe.fileHandleForWriting.close()
        #expect(!result.diedOfSignal, "killed by signal \(result.status)")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(
            result.stderr.hasSuffix("error: cannot write the json report to standard output: Broken pipe\n"),
            "\(result.stderr)")
    }

    /// Every command's standard output on a device that is always full.
    @Test(
        .enabled(if: hasDevFull),
        arguments: [
            (["scan", "Samples", "--report", "json"], "the json report to standard output"),
            (["scan", "Samples/NativeEditor"], "the table report to standard output"),
            (["inspect", "Samples/NativeEditor/editor.exe"], "to standard output"),
            (["inspect", "--format", "json", "Samples/NativeEditor/editor.exe"], "to standard output"),
            (["facts", "Samples/NativeEditor/editor.exe"], "to standard output"),
            (["facts", "--format", "json", "Samples/NativeEditor/editor.exe"], "to standard output"),
            (["rules", "list"], "to standard output"),
            (["rules", "targets"], "to standard output"),
            (["--help"], "to standard output"),
            (["--version"], "to standard output"),
        ])
    func standardOutputOnAFullDeviceIsIncomplete(arguments: [String], what: String) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? full.close() }
        let result = try Armready.run(arguments, in: Armready.packageRoot, standardOutput: full)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("error: cannot write \(what): \(Self.noSpace)\n"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "error:").count == 2, "one sentence: \(result.stderr)")
    }

    /// `--report json=/dev/full`: exit 2 with the sentence, written in place rather than through a
    /// temporary file renamed over the device node.
    ///
    /// A private node of the same device goes first: an armready that renames over its target
    /// replaces that one, and the machine's /dev/full is only tried when it survived. Where no
    /// node can be made (not root), /dev is not writable either, so /dev/full is safe to try.
    @Test(.enabled(if: hasDevFull)) func reportFileOnAFullDeviceIsIncompleteAndTheDeviceStays() throws {
        var device = stat()
        try #require(
            lstat("/dev/full", &device) == 0 && device.st_mode & S_IFMT == S_IFCHR,
            "/dev/full is not a character device")
        let tree = try TemporaryTree()
        let privateNode = tree.url.appendingPathComponent("full").path
        if mknod(privateNode, S_IFCHR | 0o666, device.st_rdev) == 0 {
            guard try fullDeviceReportIsIncomplete(at: privateNode) else { return }
            #expect(try tree.entries() == ["full"])
        }
        guard try fullDeviceReportIsIncomplete(at: "/dev/full") else { return }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix(".full.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Runs `scan --report json=PATH` onto a full character device; true when the node is
    /// still a character device afterwards.
    private func fullDeviceReportIsIncomplete(at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Bool
    {
        let result = try Armready.run(["scan", "Samples", "--report", "json=\(path)", "-q"], in: Armready.packageRoot)
        #expect(result.status == 2, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            result.stderr == "error: cannot write the json report to \(path): \(Self.noSpace)\n",
            sourceLocation: sourceLocation)
        var status = stat()
        let survived = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR
        #expect(survived, "\(path) is no longer a character device", sourceLocation: sourceLocation)
        return survived
    }

    /// `--report json=LINK` with LINK a symbolic link to `/proc/self/fd/1` (what `/dev/stdout`
    /// is): the report goes to standard output and the link stays a link. A private link goes
    /// first, as for /dev/full above.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd/1")))
    func reportFileThroughASymbolicLinkIsWrittenInPlace() throws {
        let tree = try TemporaryTree()
        let privateLink = tree.url.appendingPathComponent("stdout").path
        try #require(symlink("/proc/self/fd/1", privateLink) == 0)
        guard try reportThroughLinkReachesStandardOutput(privateLink) else { return }
        var link = stat()
        if lstat("/dev/stdout", &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            _ = try reportThroughLinkReachesStandardOutput("/dev/stdout")
        }
    }

    /// Runs `scan --report json=LINK`; true when LINK is still the same symbolic link.
    private func reportThroughLinkReachesStandardOutput(
        _ link: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Bool {
        var before = stat()
        #expect(lstat(link, &before) == 0, sourceLocation: sourceLocation)
        let result = try Armready.run(
            ["scan", "Samples/NativeEditor", "--report", "json=\(link)", "-q"], in: Armready.packageRoot)
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        var after = stat()
        let survived = lstat(link, &after) == 0 && after.st_mode & S_IFMT == S_IFLNK && after.st_ino == before.st_ino
        #expect(survived, "\(link) was replaced", sourceLocation: sourceLocation)
        #expect(
            try ScanJSON(result, sourceLocation: sourceLocation).root["schemaVersion"] as? Int == 1,
            sourceLocation: sourceLocation)
        return survived
    }

    /// A FIFO as the report file: written into, and still a FIFO afterwards.
    @Test func reportFileOnAFIFOIsWrittenInPlace() throws {
        let tree = try TemporaryTree()
        try tree.copy(TemporaryTree.sample("NativeEditor"), to: "in")
        let fifo = tree.url.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Both ends open here, so armready's open does not wait for a reader, and the small report
        // fits in the FIFO's buffer.
        let descriptor = open(fifo, O_RDWR | O_NONBLOCK)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let result = try Armready.run(["scan", "in", "--report", "json=report.fifo", "-q"], in: tree.url)
        #expect(result.status == 0, "\(result.stderr)")
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        let report = try #require(try JSONSerialization.jsonObject(with: received) as? [String: Any])
        #expect(report["schemaVersion"] as? Int == 1)
        var status = stat()
        #expect(lstat(fifo, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
        #expect(try tree.entries() == ["in", "report.fifo"])
    }

    /// A non-blocking pipe on standard output that fills up (EAGAIN) before its reader drains it:
    /// the reader still gets the whole report.
    @Test func nonBlockingStandardOutputGetsTheWholeReport() throws {
        let complete = try Armready.run(["scan", "Samples", "--report", "json", "-q"], in: Armready.packageRoot)
        #expect(complete.status == 0, "\(complete.stderr)")
        // More than a Linux pipe holds (64 KiB), so some write must wait.
        #expect(complete.stdoutData.count > 65536)

        let pipe = Pipe()
        let writeEnd = pipe.fileHandleForWriting.fileDescriptor
        #expect(fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK) == 0)
        let reader = PipeDrain(pipe.fileHandleForReading)
        let result = try Armready.run(
            ["scan", "Samples", "--report", "json", "-q"], in: Armready.packageRoot, standardOutput: pipe)
        try? pipe.fileHandleForWriting.close()
        let received = try #require(reader.wait(), "the reader did not see the end of the output")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(received.count == complete.stdoutData.count)
        #expect(received == complete.stdoutData)
    }

    /// A report file on a full 16 KiB tmpfs: exit 2, the sentence, the old report untouched and
    /// no temporary file left. Needs `mount` (root, outside a restricted container).
    @Test(.enabled(if: SmallDisk.canMount, "cannot mount a tmpfs here"))
    func reportFileOnAFullDiskIsIncompleteAndLeavesNothingBehind() throws {
        let tree = try TemporaryTree()
        let disk = tree.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(at: disk))
        defer {
            SmallDisk.unmount(at: disk)
            withExtendedLifetime(tree) {}
        }
        let target = disk.appendingPathComponent("report.json")
        try Data("old\n".utf8).write(to: target)
        let result = try Armready.run(
            ["scan", "Samples", "--report", "json=\(target.path)", "-q"], in: Armready.packageRoot)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr == "error: cannot write the json report to \(target.path): \(Self.noSpace)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["report.json"])
        #expect(try Data(contentsOf: target) == Data("old\n".utf8))
    }
}

/// Reads a pipe to its end on another thread, starting only once the pipe is full (or after a
/// few seconds), so the writer meets a full non-blocking pipe.
private final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the reading thread before `done` is signalled, read after the wait.
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            let deadline = Date().addingTimeInterval(10)
            var queued: Int32 = 0
            while Date() < deadline, ioctl(handle.fileDescriptor, UInt(FIONREAD), &queued) == 0, queued < 65536 {
                usleep(10_000)
            }
            // The writer is now waiting in poll (or, before the fix, had given up).
            usleep(100_000)
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything read, or nil when the end did not come within a minute.
    func wait() -> Data? {
        done.wait(timeout: .now() + 60) == .success ? data : nil
    }
}

/// A 16 KiB tmpfs, mounted with `mount -t tmpfs -o size=16k tmpfs DIR`.
private enum SmallDisk {
    /// Whether a tmpfs can be mounted here, tried once on a scratch directory.
    static let canMount: Bool = {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "armready-mount-probe-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard mount(at: scratch) else { return false }
        unmount(at: scratch)
        return true
    }()

    static func mount(at directory: URL) -> Bool {
        run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", directory.path])
    }

    static func unmount(at directory: URL) {
        _ = run("umount", [directory.path])
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard
            let path = ["/usr/bin/\(tool)", "/bin/\(tool)", "/sbin/\(tool)"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }
}
