/// An installer engine recognised in a PE, and where its payload lies: armready rates the
/// payload, not the stub (installers.md R26).
package struct InstallerEngine: Sendable, Equatable, Codable {
    package enum Name: String, Sendable, Codable {
        case nsis
        case innoSetup = "inno-setup"
        case wixBurn = "wix-burn"
        case installShield = "installshield"
        case squirrel, velopack
        case sevenZipSFX = "7zip-sfx"
        case cabSFX = "cab-sfx"
        case zipSFX = "zip-sfx"
    }

    /// A byte range of the file that holds installer data.
    package struct Payload: Sendable, Equatable, Codable {
        package enum Format: String, Sendable, Codable {
            case cab, zip, nsis, inno, msi, unknown
            case sevenZip = "7z"
        }

        package var offset: Int
        /// Nil when the format does not say.
        package var length: Int?
        package var format: Format
        /// The range lies past the end of the file (a Burn detached container).
        package var detached: Bool

        package init(offset: Int, length: Int?, format: Format, detached: Bool = false) {
            self.offset = offset
            self.length = length
            self.format = format
            self.detached = detached
        }
    }

    package var name: Name
    /// What the engine's own data says of its version, where readable.
    package var version: String?
    package var payload: Payload?
    /// Burn: the UX container, then the attached containers.
    package var containers: [Payload]
    /// What was read beyond the fields above, and what could not be read.
    package var notes: [String]

    package init(
        name: Name, version: String? = nil, payload: Payload? = nil, containers: [Payload] = [], notes: [String] = []
    ) {
        self.name = name
        self.version = version
        self.payload = payload
        self.containers = containers
        self.notes = notes
    }
}
