/// A file the scan could not analyse or deliberately skipped (whole or in part).
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
        /// A file larger than the size budget (`ScanOptions.sizeBudget`): rated from
        /// its headers only, not hashed and not decoded.
        case overBudget = "over-budget"
        /// An archive inside an archive: the binaries in it are not rated.
        case notOpened = "not-opened"
        /// A ZIP whose records disagree (the end record's counts and the central directory,
        /// entries that share one entry's data): what was read and what was not.
        case inconsistentArchive = "inconsistent-archive"
        /// The file changed (shrank, or was rewritten) while it was read, twice: not rated.
        case changed
        /// Not rated on its own because another file rates its content (an MSI's external
        /// cabinet, rated under that MSI's install paths): nothing was left out.
        case ratedElsewhere = "rated-elsewhere"
    }

    package var path: String
    package var kind: Kind
    /// The file was scanned in part (rated from its headers, or some entries left closed)
    /// rather than not at all.
    package var isPartial: Bool {
        switch kind {
        case .overBudget, .notOpened, .inconsistentArchive: true
        case .unreadable, .specialFile, .symlinkLoop, .missingRoot, .changed, .ratedElsewhere: false
        }
    }
    /// The file was neither skipped nor cut short: its content is rated with another file.
    package var isRatedElsewhere: Bool { kind == .ratedElsewhere }
    /// The file, or some of it, was not rated at all.
    package var isSkipped: Bool { !isPartial && !isRatedElsewhere }
    package var message: String

    package init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }
}
