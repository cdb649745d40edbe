import ArgumentParser

/// The `armready` command: thin wiring from arguments to the library modules.
@main
struct Armready: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "armready",
        abstract: "Tells whether Windows and Linux binaries run on Copilot+ PCs (Windows 11 on Arm).",
        discussion: """
            Reads PE and ELF files directly: architecture (including ARM64EC and ARM64X hybrids \
            and .NET flags), imports, and the instruction-set extensions their code uses.
            """,
        version: ArmreadyVersion.current,
        subcommands: [ScanCommand.self, InspectCommand.self, FactsCommand.self, RulesCommand.self, BaselineCommand.self]
    )
}

enum ArmreadyVersion {
    static let current = "0.1.0"
}
