#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Testing

/// What one run of the built `armready` executable produced.
struct CommandResult: Sendable {
    var status: Int32
    var stdoutData: Data
    var stderrData: Data
    /// The child was killed by a signal (`status` is then the signal number, not an exit status).
    var diedOfSignal = false

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    /// Standard output parsed as a JSON object (for `--report json`, `--format json`).
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: stdoutData)
        return try #require(
            object as? [String: Any], "stdout is not a JSON object:\n\(stdout)", sourceLocation: sourceLocation)
    }
}

/// Runs the real `armready` executable, the way argument-parser's `AssertExecuteCommand` does:
/// a child process with captured standard output and error and an exit status, so the
/// command-line contract (help text, messages, exit codes) is what gets tested.
enum Armready {
    /// A run that takes longer than this is killed and fails the test instead of blocking the
    /// suite: a hang detector only, generous enough for a machine busy with other work.
    static let timeout: TimeInterval = 600

    /// The executable built next to the test bundle, found once.
    static let executable: Result<URL, LocateError> = locate()

    struct LocateError: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the armready executable was not found (build it first: swift build); looked at:\n  "
                + searched.joined(separator: "\n  ")
        }
    }

    /// `ARMREADY_EXECUTABLE`, else `armready` beside the test bundle (SwiftPM puts the
    /// `armreadyPackageTests.xctest` runner and the products in the same directory), else the
    /// package's `.build/debug/armready`.
    private static func locate() -> Result<URL, LocateError> {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["ARMREADY_EXECUTABLE"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        var bundleExecutables: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0])]
        if let main = Bundle.main.executableURL { bundleExecutables.append(main) }
        for url in bundleExecutables {
            var directory = url.resolvingSymlinksInPath().deletingLastPathComponent()
            // On macOS the runner sits inside `X.xctest/Contents/MacOS`.
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("armready"))
                directory.deleteLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/armready"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return .success(candidate)
            }
        }
        return .failure(LocateError(searched: candidates.map(\.path)))
    }

    /// The repository root, from this file's location (`Tests/armreadyTests/Support/`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `armready arguments…` in `directory` and returns what it printed and its status.
    ///
    /// Output goes to files rather than pipes, so a chatty child never blocks on a full pipe.
    /// - Parameters:
    ///   - prefix: a command to run `armready` under (e.g. `setpriv …`), or empty.
    ///   - environment: extra variables; `NO_COLOR` and `SOURCE_DATE_EPOCH` are cleared by default.
    ///   - standardOutput: a `FileHandle` or `Pipe` for the child's standard output instead of a
    ///     captured file (`stdoutData` is then empty).
    ///   - standardInput: what the child reads on standard input (else `/dev/null`).
    /// - Throws: when the executable is missing, or the run exceeded `timeout` (it is killed).
    static func run(
        _ arguments: [String], in directory: URL? = nil, prefix: [String] = [], environment: [String: String] = [:],
        standardOutput: Any? = nil, standardInput: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CommandResult {
        let executable = try executable.get()
        let (launched, launchArguments) =
            prefix.isEmpty
            ? (executable, arguments)
            : (URL(fileURLWithPath: prefix[0]), Array(prefix.dropFirst()) + [executable.path] + arguments)
        return try launch(
            launched, launchArguments, shownAs: arguments, in: directory, environment: environment,
            standardOutput: standardOutput, standardInput: standardInput,
            sourceLocation: sourceLocation)
    }

    /// Runs `armready arguments…` with standard output and error on a pseudo-terminal, through
    /// util-linux `script` (so the progress line and colours are on), and returns what the
    /// terminal received (both streams, as `stdout`). Nil when `script` is not installed.
    static func runInTerminal(
        _ arguments: [String], in directory: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CommandResult? {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { return nil }
        let command = ([try executable.get().path] + arguments).map(shellQuoted).joined(separator: " ")
        return try launch(
            URL(fileURLWithPath: script), ["-qec", command, "/dev/null"], shownAs: arguments, in: directory,
            environment: ["TERM": "xterm"],
            sourceLocation: sourceLocation)
    }

    /// `text` in single quotes for `/bin/sh`.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func launch(
        _ executable: URL, _ arguments: [String], shownAs: [String], in directory: URL?, environment: [String: String],
        standardOutput: Any? = nil, standardInput: Data? = nil, sourceLocation: SourceLocation
    ) throws -> CommandResult {
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent(
            "armready-e2e-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let stdoutURL = outputs.appendingPathComponent("stdout")
        let stderrURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var variables = ProcessInfo.processInfo.environment
        variables["SOURCE_DATE_EPOCH"] = nil
        variables["NO_COLOR"] = nil
        variables.merge(environment) { $1 }
        process.environment = variables
        if let standardInput {
            let inputURL = outputs.appendingPathComponent("stdin")
            try standardInput.write(to: inputURL)
            process.standardInput = try FileHandle(forReadingFrom: inputURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = standardOutput ?? stdoutHandle
        process.standardError = stderrHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        try stdoutHandle.close()
        try stderrHandle.close()
        let result = CommandResult(
            status: process.terminationStatus, stdoutData: try Data(contentsOf: stdoutURL),
            stderrData: try Data(contentsOf: stderrURL),
            diedOfSignal: process.terminationReason == .uncaughtSignal)
        if timedOut {
            Issue.record(
                "armready \(shownAs.joined(separator: " ")) did not finish in \(Int(timeout)) s; killed",
                sourceLocation: sourceLocation)
            throw TimeoutError()
        }
        return result
    }

    struct TimeoutError: Error {}
}
