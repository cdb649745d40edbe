/// A payload file: the File table joined with Component, Directory and Media.
package struct MSIFile: Sendable, Equatable {
    package var key: String
    package var component: String
    /// The long name (`short|long` → `long`).
    package var fileName: String
    package var size: Int
    package var sequence: Int
    package var attributes: Int
    package var directory: String
    /// `ProgramFiles64Folder/Contoso/app.exe`: a standard folder key, then long names.
    package var installPath: String
    /// msidbComponentAttributes64bit (0x100).
    package var component64Bit: Bool
    /// The raw Cabinet of the Media row holding the file (`#name` = an embedded stream).
    package var cabinet: String?
}

package struct MSIMedia: Sendable, Equatable {
    package var diskId: Int
    package var lastSequence: Int
    package var cabinet: String?
}

package struct MSIBinary: Sendable, Equatable {
    package var name: String
    /// The decoded stream name holding the data, `Binary.<name>`.
    package var streamName: String
}

package struct MSILaunchCondition: Sendable, Equatable {
    package var condition: String
    package var description: String?
}

package struct MSICustomAction: Sendable, Equatable {
    package enum SourceKind: Sendable, Equatable {
        case binaryDLL, binaryEXE, installedFile, script, directoryOrPropertyEXE, other
    }

    package var action: String
    package var type: Int
    package var source: String?
    package var target: String?

    /// From the low 6 bits of the type (Microsoft's summary list of custom action types).
    package var sourceKind: SourceKind {
        switch type & 0x3F {
        case 1: .binaryDLL
        case 2: .binaryEXE
        case 17, 18: .installedFile
        case 5, 6, 21, 22, 37, 38: .script
        case 34, 50: .directoryOrPropertyEXE
        default: .other
        }
    }
}
