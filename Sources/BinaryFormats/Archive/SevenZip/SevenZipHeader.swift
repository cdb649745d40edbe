/// What a 7z header says, as 7-Zip's 7zFormat.txt lays it out: the packed streams, the folders
/// that decode them (each a small graph of coders), and the files, which take the folders'
/// output in order.
struct SevenZipHeader {
    struct Coder: Equatable {
        /// The method id, as stored (`21` LZMA2, `03 01 01` LZMA, `0A` ARM64, `06 F1 07 01` AES).
        var method: [UInt8]
        var inStreams: Int
        var outStreams: Int
        var properties: [UInt8]
    }

    /// Coder input stream `input` reads coder output stream `output` (indices across the folder).
    struct BindPair: Equatable {
        var input: Int
        var output: Int
    }

    struct Folder {
        var coders: [Coder]
        var bindPairs: [BindPair]
        /// The folder's input streams that are packed streams, in pack-stream order.
        var packedInputs: [Int]
        /// The size of every coder output stream, in coder order.
        var outputSizes: [UInt64] = []
        /// The first of this folder's packed streams, in the archive's list.
        var firstPackedStream = 0
        /// How many files' data this folder's output holds, one after the other.
        var substreams = 1
        /// The folder's output has a CRC in the coders info (its single file's then needs none).
        var hasCRC = false

        /// The output stream no bind pair reads: the folder's output.
        var mainOutput: Int? {
            let bound = Set(bindPairs.map(\.output))
            let free = (0..<outputSizes.count).filter { !bound.contains($0) }
            return free.count == 1 ? free[0] : nil
        }

        var unpackSize: UInt64 { mainOutput.map { outputSizes[$0] } ?? 0 }
    }

    struct Streams {
        /// Where the first packed stream starts, from the end of the 32-byte signature header.
        var packPosition: UInt64 = 0
        var packSizes: [UInt64] = []
        var folders: [Folder] = []
        /// The size of each folder's substreams, folder by folder.
        var substreamSizes: [UInt64] = []
    }

    struct File: Equatable {
        var name: String
        var hasData: Bool
        var isDirectory: Bool
    }

    var streams = Streams()
    var files: [File] = []
}
