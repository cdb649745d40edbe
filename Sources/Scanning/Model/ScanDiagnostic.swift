/// A file the scan could not analyse or deliberately skipped.
package struct ScanDiagnostic: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable {
        /// Could not open or read (permissions, I/O).
        case unreadable
        /// FIFO, socket or device: never opened.
        case specialFile = "special-file"
        /// A symbolic link that leads back into a directory being walked.
        case symlinkLoop = "symlink-loop"
        /// A root given on the command line does not exist.
        case missingRoot = "missing-root"
    }

    package var path: String
    package var kind: Kind
    package var message: String

    package init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }
}
