/// How much of a binary the readers read.
package struct ReadOptions: Sendable, Equatable {
    /// Read what only the instruction-set profile needs: symbol tables, `.eh_frame` and IFUNC
    /// relocations (ELF), the exception directory (PE). Header-level triage turns it off, since
    /// symbol tables of large libraries cost more than everything else in a triage read.
    package var codeDetails: Bool

    package init(codeDetails: Bool) {
        self.codeDetails = codeDetails
    }

    /// Everything (`inspect`, full scans).
    package static let full = ReadOptions(codeDetails: true)
    /// Headers, imports and exports, notes, load config, CLR header and resources.
    package static let headers = ReadOptions(codeDetails: false)
}
