import ArgumentParser
import InstructionSets

/// What to scan and how: shared by `scan` and `baseline write`.
struct ScanInputOptions: ParsableArguments {
    @Argument(help: "Files or directories to scan (default: the current directory).", completion: .file())
    var paths: [String] = []

    /// The paths, or `.` when neither a path nor a list was given (as ripgrep and ruff do).
    var roots: [String] { paths.isEmpty && filesFrom == nil ? ["."] : paths }

    @Option(
        name: .customLong("files-from"),
        help: ArgumentHelp(
            "Also scan the files and directories listed in this file (- for standard input), one per line, paths relative to the current directory and reported as listed.",
            valueName: "file"),
        completion: .file())
    var filesFrom: String?

    @Flag(
        name: [.customShort("0"), .customLong("null")],
        help: "The --files-from list is NUL-separated (find -print0, git ls-files -z).")
    var nullSeparated = false

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: "Configuration file (default: armready.yml in the first scanned directory).")
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Skip paths matching this gitignore-style pattern (relative to the scanned directory; * stays within one directory, ** crosses them, a trailing / matches directories, ! re-includes). Repeatable.",
            valueName: "pattern"))
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
        if nullSeparated && filesFrom == nil { throw ValidationError("-0/--null applies to a --files-from list.") }
        if isaMaxBytes < 0 { throw ValidationError("--isa-max-bytes must not be negative.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let maxFileSize, maxFileSize < 1 { throw ValidationError("--max-file-size must be at least 1.") }
    }
}
