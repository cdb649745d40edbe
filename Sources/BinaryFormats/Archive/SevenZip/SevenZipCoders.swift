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
        [0x03, 0x04, 0x01]: "PPMd", [0x04, 0x01, 0x08]: "Deflate",
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
        case bcj2: "BCJ2"
        default:
            branches[method]?.name ?? unsupported[method] ?? "method "
                + method.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// How a folder is decoded: one chain of one-in, one-out coders over a packed stream, or
    /// BCJ2 over four inputs, each a chain (or a packed stream as it is).
    enum Plan {
        case chain(Chain)
        case bcj2(main: Chain, call: Chain, jump: Chain, rangeCoded: Chain)
    }

    /// Steps from an output stream back to the packed input they read; `packed` is the index
    /// in the folder's `packedInputs` (its packed streams' order).
    struct Chain {
        var steps: [SevenZipFolderStream.Step]
        var packed: Int
        /// The chain's output size; nil for a packed stream read as it is.
        var outputSize: UInt64?
    }

    static let bcj2: [UInt8] = [0x03, 0x03, 0x01, 0x1B]

    /// - Throws: for encrypted folders, coders armready does not decode (named), and graphs of
    ///   another shape.
    static func plan(_ folder: SevenZipHeader.Folder) throws(BinaryFormatError) -> Plan {
        if folder.coders.contains(where: { $0.method == aes }) {
            throw .invalid("the 7z folder is encrypted (7zAES); its files cannot be read without the password")
        }
        let names = folder.coders.map { name($0.method) }
        if let method = folder.coders.lazy.map(\.method).first(where: { unsupported[$0] != nil }) {
            throw .invalid(
                "the 7z folder uses \(name(method)), which armready does not decode (the folder's coders: \(names.joined(separator: " + ")))"
            )
        }
        guard let output = folder.mainOutput else {
            throw .invalid("the 7z folder's coders (\(names.joined(separator: " + "))) have no single output")
        }
        let graph = Graph(folder)
        let top = graph.coder(ofOutput: output)
        guard folder.coders[top].method == bcj2 else { return .chain(try graph.chain(from: output, names: names)) }
        guard folder.coders[top].inStreams == 4, folder.coders[top].outStreams == 1 else {
            throw .invalid("the 7z folder's BCJ2 coder has \(folder.coders[top].inStreams) inputs, not 4")
        }
        let first = graph.firstInput[top]
        var inputs: [Chain] = []
        for input in first..<first + 4 {
            if let pair = folder.bindPairs.first(where: { $0.input == input }) {
                inputs.append(try graph.chain(from: pair.output, names: names))
            } else if let packed = folder.packedInputs.firstIndex(of: input) {
                inputs.append(Chain(steps: [], packed: packed, outputSize: nil))
            } else {
                throw .invalid("the 7z folder leaves an input of its BCJ2 coder unconnected")
            }
        }
        return .bcj2(main: inputs[0], call: inputs[1], jump: inputs[2], rangeCoded: inputs[3])
    }

    /// Stream numbering: a coder's inputs and outputs follow those of the coders before it.
    private struct Graph {
        let folder: SevenZipHeader.Folder
        let firstInput: [Int]
        let firstOutput: [Int]

        init(_ folder: SevenZipHeader.Folder) {
            self.folder = folder
            var (inputs, outputs) = (0, 0)
            var firstInput: [Int] = []
            var firstOutput: [Int] = []
            for coder in folder.coders {
                firstInput.append(inputs)
                firstOutput.append(outputs)
                inputs += coder.inStreams
                outputs += coder.outStreams
            }
            (self.firstInput, self.firstOutput) = (firstInput, firstOutput)
        }

        func coder(ofOutput output: Int) -> Int {
            firstOutput.lastIndex(where: { $0 <= output }) ?? 0
        }

        /// One-in, one-out coders from `output` back to a packed input.
        func chain(from output: Int, names: [String]) throws(BinaryFormatError) -> Chain {
            var steps: [SevenZipFolderStream.Step] = []
            let top = output
            var output = output
            for _ in folder.coders {
                let index = coder(ofOutput: output)
                let coder = folder.coders[index]
                guard coder.inStreams == 1, coder.outStreams == 1 else {
                    throw .invalid(
                        "the 7z folder's coders (\(names.joined(separator: " + "))) are not one chain; armready decodes LZMA, LZMA2, Copy, Delta, BCJ2 and the BCJ/ARM/ARM64 branch filters"
                    )
                }
                let size = folder.outputSizes[output]
                switch coder.method {
                case [0x00]: steps.append(.copy)
                case [0x21]: steps.append(.lzma2(properties: coder.properties, outputSize: size))
                case [0x03, 0x01, 0x01]: steps.append(.lzma(properties: coder.properties, outputSize: size))
                case [0x03]: steps.append(.delta(properties: coder.properties))
                default:
                    guard let branch = branches[coder.method] else {
                        throw .invalid(
                            "the 7z folder uses \(name(coder.method)), which armready does not decode (the folder's coders: \(names.joined(separator: " + ")))"
                        )
                    }
                    steps.append(.branch(filter: branch.filter, properties: coder.properties))
                }
                let input = firstInput[index]
                if let pair = folder.bindPairs.first(where: { $0.input == input }) {
                    output = pair.output
                } else if let packed = folder.packedInputs.firstIndex(of: input) {
                    return Chain(steps: steps, packed: packed, outputSize: folder.outputSizes[top])
                } else {
                    break
                }
            }
            throw .invalid("the 7z folder's coders do not lead to its packed stream")
        }
    }
}
