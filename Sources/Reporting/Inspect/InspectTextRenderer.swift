import BinaryFormats

/// Renders `inspect` output for a person: one block per file, a label column, and only the
/// facts that are present. Complete detail is the JSON format's job.
package enum InspectTextRenderer {
    package static func render(_ document: InspectDocument) -> String {
        document.files.map(render).joined(separator: "\n")
    }

    static func render(_ file: InspectedFile) -> String {
        var lines = TextBlock(title: file.path)
        switch file.result {
        case .notBinary:
            lines.add("format", "not a binary (no PE or ELF magic)")
        case let .failed(format, reason):
            if let format { lines.add("format", format.rawValue) }
            lines.add("error", reason.description)
        case let .image(image):
            describe(image, into: &lines)
            if let isa = file.isa { ISATextSection.describe(isa, into: &lines) }
        }
        return lines.text
    }

    private static func describe(_ image: BinaryImage, into lines: inout TextBlock) {
        lines.add("format", formatLabel(image))
        lines.add("machine", "\(image.machineName) (\(hex(image.machine)))")
        lines.add("execution", image.execution.rawValue)
        lines.add("kind", image.kind.rawValue)
        // Damaged structures first: everything below was read without them.
        for warning in image.warnings { lines.add("warning", warning.description) }
        if let pe = image.pe { PETextSection.describe(pe, into: &lines) }
        if let elf = image.elf { ELFTextSection.describe(elf, into: &lines) }
        if let dos = image.dos, let offset = dos.newHeaderOffset {
            lines.add("new header", "\(dos.signature) at \(hex(offset))")
        }
        if !image.code.sections.isEmpty {
            let names = image.code.sections.map { "\($0.name) (\($0.fileSize) bytes)" }
            lines.add("code", names.joined(separator: ", "))
        }
        if let source = image.code.functionSource {
            lines.add("functions", "\(image.code.functions.count) from \(source.rawValue)")
        }
    }

    private static func formatLabel(_ image: BinaryImage) -> String {
        switch image.format {
        case .pe: return image.pe?.isPE32Plus == true ? "PE32+" : "PE32"
        case .elf: return image.elf?.elfClass ?? "ELF"
        case .dos: return image.dos.map { $0.signature == "MZ" ? "DOS MZ" : "MZ + \($0.signature)" } ?? "DOS"
        case .notBinary: return "not-binary"
        }
    }
}

/// Label/value lines under a title, labels padded to one column.
struct TextBlock {
    private(set) var rows: [(String, String)] = []
    let title: String

    init(title: String) {
        self.title = title
    }

    mutating func add(_ label: String, _ value: String) {
        rows.append((label, value))
    }

    var text: String {
        let width = rows.map(\.0.count).max() ?? 0
        let body = rows.map { "  " + $0.0.padding(to: width) + "  " + $0.1 }
        return ([title] + body).joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
