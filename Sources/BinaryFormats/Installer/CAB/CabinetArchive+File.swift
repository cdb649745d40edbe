extension CabinetArchive {
    /// A cabinet folder's compression method (typeCompress & 0x0F).
    package enum Compression: Sendable, Equatable, Hashable, CustomStringConvertible {
        case none, mszip, quantum, lzx
        case unknown(Int)

        init(typeCompress: UInt16) {
            switch typeCompress & 0x0F {
            case 0: self = .none
            case 1: self = .mszip
            case 2: self = .quantum
            case 3: self = .lzx
            case let other: self = .unknown(Int(other))
            }
        }

        package var description: String {
            switch self {
            case .none: "none"
            case .mszip: "MSZIP"
            case .quantum: "Quantum"
            case .lzx: "LZX"
            case let .unknown(value): "unknown method \(value)"
            }
        }
    }

    /// One member of the cabinet, as its CFFILE record describes it.
    package struct File: Sendable, Equatable {
        /// The name, UTF-8 when attribute 0x80 is set, else Latin-1 (Windows paths use `\`).
        package var name: String
        package var size: Int
        /// The folder holding the data: iFolder, or for a member continued across cabinets
        /// the folder libmspack uses (the first for "from previous", else the last).
        package var folder: Int
        /// The member's offset in its folder's uncompressed data.
        package var offset: Int
        package var compression: Compression
        package var attributes: UInt16
        /// The member begins in the previous cabinet of a set (iFolder 0xFFFD or 0xFFFF).
        package var continuedFromPrevious: Bool
        /// The member ends in the next cabinet of a set (iFolder 0xFFFE or 0xFFFF).
        package var continuedToNext: Bool
        /// The member's position in the cabinet's file list.
        package var index: Int

        init(_ entry: CabinetHeader.Entry, index: Int, folders: [CabinetHeader.Folder]) {
            name =
                entry.attributes & 0x80 != 0
                ? String(decoding: entry.nameBytes, as: UTF8.self)
                : String(String.UnicodeScalarView(entry.nameBytes.map { Unicode.Scalar($0) }))
            size = Int(entry.size)
            offset = Int(entry.folderOffset)
            attributes = entry.attributes
            continuedFromPrevious = entry.folderIndex == 0xFFFD || entry.folderIndex == 0xFFFF
            continuedToNext = entry.folderIndex == 0xFFFE || entry.folderIndex == 0xFFFF
            switch entry.folderIndex {
            case 0xFFFD, 0xFFFF: folder = 0
            case 0xFFFE: folder = max(0, folders.count - 1)
            default: folder = Int(entry.folderIndex)
            }
            compression =
                folders.indices.contains(folder) ? Compression(typeCompress: folders[folder].compressionType) : .none
            self.index = index
        }
    }
}
