/// A structure of a binary that is damaged, or was read only in part, while the rest of the
/// binary was read.
///
/// The readers degrade per structure, not per file: Windows maps an image whose import table
/// points outside the file or whose export counts are absurd, so such a file is still rated
/// from its headers and the structures that could be read, and each damaged one is named here.
package struct ReadWarning: Sendable, Equatable, Hashable, Codable {
    package var structure: Structure
    /// One sentence for people, with the offset or value involved.
    package var message: String

    package init(_ structure: Structure, _ message: String) {
        self.structure = structure
        self.message = message
    }

    /// The structures a reader reads on its own, so that one of them failing leaves the others.
    package enum Structure: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        /// The PE optional header (fields past the end of the file read as zero).
        case optionalHeader = "optional-header"
        /// The PE section table.
        case sectionTable = "section-table"
        case imports
        case delayImports = "delay-imports"
        case exports
        /// The PE resource tree.
        case resources
        /// The VS_VERSIONINFO resource.
        case version
        /// The RT_MANIFEST resource.
        case manifest
        case loadConfig = "load-config"
        /// The CLI (COR20) header of a .NET image.
        case clrHeader = "clr-header"
        /// The debug directory (PDB path).
        case debug
        /// The exception table (`.pdata` function ranges).
        case exceptions
    }
}

extension ReadWarning: CustomStringConvertible {
    /// `structure: message`, the form text output uses.
    package var description: String { "\(structure.rawValue): \(message)" }
}
