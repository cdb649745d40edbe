import ArgumentParser
import Foundation
import BinaryFormats
import InstructionSets
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

    @Flag(name: .long, help: "Also decode the code and list the instruction-set extensions it uses.")
    var isa = false

    @Option(name: .customLong("isa-max-bytes"), help: "With --isa: decode at most this many bytes of code per file.")
    var isaMaxBytes: Int = ISAOptions().maxDecodedBytes

    func validate() throws {
        if files.isEmpty { throw ValidationError("Give at least one file to inspect.") }
        if isaMaxBytes < 0 { throw ValidationError("--isa-max-bytes must not be negative.") }
    }

    func run() throws {
        // Files are read one after another, so a large one gets every core.
        let options = ISAOptions(maxDecodedBytes: isaMaxBytes, workers: ProcessInfo.processInfo.activeProcessorCount)
        let inspected = files.map { path in
            BinaryReader.withMappedFile(path: path) { result, bytes, release in
                var file = InspectedFile(path: path, result: result)
                if isa, case let .image(image) = result {
                    file.isa = ISAAnalyzer.profile(image: image, bytes: bytes, options: options, release: release)
                }
                return file
            }
        }
        let document = InspectDocument(files: inspected)
        switch format {
        case .text: try StandardOutput.write(InspectTextRenderer.render(document))
        case .json: try StandardOutput.write(try InspectJSONRenderer.render(document))
        }
        if inspected.contains(where: { $0.error != nil }) { throw ExitStatus.unreadableInput }
    }
}

enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
