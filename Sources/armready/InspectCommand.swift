import ArgumentParser
import BinaryFormats
import Reporting

/// `armready inspect FILE...`: everything the readers found in each file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what armready reads from binaries: headers, imports, hybrid code maps, .NET flags.",
        discussion: """
            Text output is for people; --format json is complete and stable ({"schemaVersion": 1, \
            "files": [...]}). A file that cannot be read is still listed, with an "error" sentence.

            Exit status: 0 every file was read, 1 at least one file could not be read or is malformed.
            """
    )

    @Argument(help: "The files to read.", completion: .file())
    var files: [String]

    @Option(name: .long, help: "Output format: text or json.")
    var format: InspectFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to inspect.") }
    }

    func run() throws {
        let inspected = files.map { InspectedFile(path: $0, result: BinaryReader.read(path: $0)) }
        let document = InspectDocument(files: inspected)
        switch format {
        case .text: print(InspectTextRenderer.render(document), terminator: "")
        case .json: print(try InspectJSONRenderer.render(document), terminator: "")
        }
        if inspected.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
