import ArgumentParser
import InstructionSets

/// What to scan and how: shared by `scan` and `baseline write`.
struct ScanInputOptions: ParsableArguments {
    @Argument(help: "Files or directories to scan (default: the current directory).", completion: .file())
    var paths: [String] = []

    /// The paths, or `.` when none was given (as ripgrep and ruff do).
    var roots: [String] { paths.isEmpty ? ["."] : paths }

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: "Configuration file (default: armready.yml in the first scanned directory).")
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Skip paths matching this glob (matched against the relative path and the file name). Repeatable.",
            valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links (loops are detected and reported).")
    var followSymlinks = false

    @Flag(
        name: .customLong("no-archives"),
        help: "Do not look inside packages (.whl, .nupkg, .msix, .appx, .vsix, .jar, .zip).")
    var noArchives = false

    @Flag(name: .customLong("no-isa"), help: "Triage: headers, imports and verdicts only, no instruction-set decoding.")
    var noISA = false

    @Option(name: .customLong("isa-max-bytes"), help: "Decode at most this many bytes of code per file.")
    var isaMaxBytes: Int = ISAOptions().maxDecodedBytes

    @Option(name: [.customShort("j"), .long], help: "Worker threads (default: every core).")
    var jobs: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep what is learned from each binary's bytes in this folder, keyed by SHA-256, and reuse it in later scans (rules, targets and paths are always evaluated afresh).",
            valueName: "dir"))
    var cache: String?

    @Option(
        name: .customLong("max-file-size"),
        help: ArgumentHelp(
            "Rate files larger than this many bytes from their headers only, without hashing or decoding them (default: 4 GiB).",
            valueName: "bytes"))
    var maxFileSize: Int?

    func validate() throws {
        if isaMaxBytes < 0 { throw ValidationError("--isa-max-bytes must not be negative.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let maxFileSize, maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1.") }
    }
}
