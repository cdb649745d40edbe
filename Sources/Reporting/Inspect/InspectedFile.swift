import BinaryFormats
import InstructionSets

/// One file as `armready inspect` reports it: the path as given, and what reading it gave.
package struct InspectedFile: Sendable {
    package var path: String
    package var result: ReadResult
    /// The instruction-set profile, when it was asked for and the file is a binary.
    package var isa: ISAProfile?

    package init(path: String, result: ReadResult, isa: ISAProfile? = nil) {
        self.path = path
        self.result = result
        self.isa = isa
    }

    /// The sentence explaining why the file could not be read, nil when it was.
    package var error: String? {
        if case let .failed(_, reason) = result { return reason.description }
        return nil
    }
}

extension InspectedFile: Encodable {
    enum CodingKeys: String, CodingKey {
        case path, format, machine, machineName, execution, kind, bits, error, pe, elf, dos, code, isa, warnings
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        switch result {
        case let .image(image):
            // The image's own keys, flattened beside `path`.
            try image.encode(to: encoder)
            try c.encodeNil(forKey: .error)
            if let isa { try c.encode(isa, forKey: .isa) }
        case .notBinary:
            try c.encode(BinaryFormat.notBinary, forKey: .format)
            try c.encodeNil(forKey: .error)
            try c.encode([ReadWarning](), forKey: .warnings)
        case let .failed(format, reason):
            try c.encode(format, forKey: .format)
            try c.encode(reason.description, forKey: .error)
            try c.encode([ReadWarning](), forKey: .warnings)
        }
    }
}

/// The whole `inspect --format json` document.
package struct InspectDocument: Encodable, Sendable {
    package static let schemaVersion = 1
    package var files: [InspectedFile]

    package init(files: [InspectedFile]) {
        self.files = files
    }

    enum CodingKeys: String, CodingKey { case schemaVersion, files }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(files, forKey: .files)
    }
}
