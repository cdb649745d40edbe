import Foundation

/// Runs an independent tool (python3 with jsonschema, sha256sum) for the report tests.
enum ExternalTool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `arguments[0]` found on PATH through `/usr/bin/env`, feeding `input` on stdin.
    static func run(_ arguments: [String], input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
        }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Whether `python3 -c "import jsonschema"` works.
    static var hasJSONSchema: Bool {
        (try? run(["python3", "-c", "import jsonschema"]))?.status == 0
    }

    /// Validates `document` with scripts/validate-sarif.py against `schema` (a path relative to
    /// the repository root; nil for SARIF 2.1.0).
    static func validate(_ document: String, schema: String? = nil, name: String) throws -> Output {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("armready-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/validate-sarif.py").path]
        if let schema {
            arguments += ["--schema", repositoryRoot.appendingPathComponent(schema).path]
        }
        return try run(arguments + [file.path])
    }
}
