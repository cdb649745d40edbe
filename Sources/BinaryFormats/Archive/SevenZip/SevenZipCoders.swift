/// 7-Zip's method ids (7-Zip's DOC/Methods.txt) and how a folder's coder graph becomes the
/// linear chain `SevenZipFolderStream` decodes.
enum SevenZipCoders {
    /// liblzma filter ids (lzma/bcj.h) for 7-Zip's branch filters, by both of their method ids.
    private static let branches: [[UInt8]: (filter: UInt64, name: String)] = [
        [0x03, 0x03, 0x01, 0x03]: (0x04, "BCJ"), [0x04]: (0x04, "BCJ"),
        [0x03, 0x03, 0x02, 0x05]: (0x05, "PPC"), [0x05]: (0x05, "PPC"),
        [0x03, 0x03, 0x04, 0x01]: (0x06, "IA64"), [0x06]: (0x06, "IA64"),
        [0x03, 0x03, 0x05, 0x01]: (0x07, "ARM"), [0x07]: (0x07, "ARM"),
        [0x03, 0x03, 0x07, 0x01]: (0x08, "ARMT"), [0x08]: (0x08, "ARMT"),
        [0x03, 0x03, 0x08, 0x05]: (0x09, "SPARC"), [0x09]: (0x09, "SPARC"),
        [0x0A]: (0x0A, "ARM64"),
    ]

    /// Methods 7-Zip writes that armready does not decode, by name.
    private static let unsupported: [[UInt8]: String] = [
        [0x03, 0x03, 0x01, 0x1B]: "BCJ2", [0x03, 0x04, 0x01]: "PPMd", [0x04, 0x01, 0x08]: "Deflate",
        [0x04, 0x01, 0x09]: "Deflate64", [0x04, 0x02, 0x02]: "BZip2", [0x0B]: "RISCV",
        [0x04, 0xF7, 0x11, 0x01]: "Zstandard", [0x04, 0xF7, 0x11, 0x04]: "LZ4",
    ]

    static let aes: [UInt8] = [0x06, 0xF1, 0x07, 0x01]

    static func name(_ method: [UInt8]) -> String {
        switch method {
        case [0x00]: "Copy"
        case [0x21]: "LZMA2"
        case [0x03, 0x01, 0x01]: "LZMA"
        case [0x03]: "Delta"
        case aes: "7zAES"
        default:
            branches[method]?.name ?? unsupported[method] ?? "method "
                + method.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// The folder's coders from its output back to its packed stream, as steps.
    /// - Throws: for encrypted folders, coders armready does not decode (named), and graphs
    ///   that are not one chain of one-in, one-out coders (BCJ2's four inputs).
    static func chain(_ folder: SevenZipHeader.Folder) throws(BinaryFormatError) -> [SevenZipFolderStream.Step] {
        if folder.coders.contains(where: { $0.method == aes }) {
            throw .invalid("the 7z folder is encrypted (7zAES); its files cannot be read without the password")
        }
        let names = folder.coders.map { name($0.method) }
        if let method = folder.coders.lazy.map(\.method).first(where: { unsupported[$0] != nil }) {
            throw .invalid(
                "the 7z folder uses \(name(method)), which armready does not decode (the folder's coders: \(names.joined(separator: " + ")))"
            )
        }
        guard folder.coders.allSatisfy({ $0.inStreams == 1 && $0.outStreams == 1 }), folder.packedInputs.count == 1,
            var coder = folder.mainOutput
        else {
            throw .invalid(
                "the 7z folder's coders (\(names.joined(separator: " + "))) are not one chain; armready decodes LZMA, LZMA2, Copy, Delta and the BCJ/ARM/ARM64 branch filters"
            )
        }
        // With one-in, one-out coders, coder i owns input and output stream i.
        var steps: [SevenZipFolderStream.Step] = []
        for _ in folder.coders {
            let method = folder.coders[coder].method
            let properties = folder.coders[coder].properties
            let outputSize = folder.outputSizes[coder]
            switch method {
            case [0x00]: steps.append(.copy)
            case [0x21]: steps.append(.lzma2(properties: properties, outputSize: outputSize))
            case [0x03, 0x01, 0x01]: steps.append(.lzma(properties: properties, outputSize: outputSize))
            case [0x03]: steps.append(.delta(properties: properties))
            default:
                guard let branch = branches[method] else {
                    throw .invalid(
                        "the 7z folder uses \(name(method)), which armready does not decode (the folder's coders: \(names.joined(separator: " + ")))"
                    )
                }
                steps.append(.branch(filter: branch.filter, properties: properties))
            }
            guard let pair = folder.bindPairs.first(where: { $0.input == coder }) else {
                guard folder.packedInputs == [coder] else { break }
                return steps
            }
            coder = pair.output
        }
        throw .invalid("the 7z folder's coders do not lead to its packed stream")
    }
}
