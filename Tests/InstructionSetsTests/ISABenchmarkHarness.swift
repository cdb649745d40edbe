import BinaryFormats
import Foundation
import Testing

import InstructionSets

/// Not a test: the measuring half of `scripts/bench-isa.sh`, skipped unless
/// `ARMREADY_ISA_FILES` names a file listing one binary path per line.
///
/// Profiles every listed file, fanning files out over all cores (one file per task, as the
/// scanner will), and writes `{"seconds", "bytesDecoded", "files": {path: ISAProfile}}` to
/// `ARMREADY_ISA_OUT`. `ARMREADY_ISA_MODE`:
/// - `sweep`: no function table and no flow analysis, so the bytes decoded are exactly the
///   executable sections a linear-sweep reference tool sees;
/// - `functions`: the function table, then the sweep, without the flow analysis;
/// - `flow` (default): what `scan` does, the flow analysis (on every core for a large file,
///   as `ISAOptions.workers`) and the sweep of what it did not reach.
@Suite("ISA benchmark harness")
struct ISABenchmarkHarness {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["ARMREADY_ISA_FILES"] != nil))
    func measure() async throws {
        let list = try String(contentsOfFile: Self.environment["ARMREADY_ISA_FILES"] ?? "", encoding: .utf8)
        let paths = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let mode = Self.environment["ARMREADY_ISA_MODE"] ?? "flow"
        let clock = ContinuousClock()
        let start = clock.now
        let results = await withTaskGroup(of: (String, ISAProfile?).self) { group in
            var next = 0
            var collected: [String: ISAProfile] = [:]
            // Keep as many files in flight as there are cores.
            let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
            func add() {
                guard next < paths.count else { return }
                let path = paths[next]
                next += 1
                group.addTask { (path, Self.profile(path: path, mode: mode)) }
            }
            for _ in 0..<width { add() }
            while let (path, profile) = await group.next() {
                if let profile { collected[path] = profile }
                add()
            }
            return collected
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let total = results.values.reduce(0) { $0 + $1.bytesDecoded }
        struct Output: Encodable {
            var seconds: Double
            var bytesDecoded: Int
            var files: [String: ISAProfile]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(Output(seconds: seconds, bytesDecoded: total, files: results))
        try data.write(to: URL(fileURLWithPath: Self.environment["ARMREADY_ISA_OUT"] ?? "/dev/stdout"))
    }

    static func profile(path: String, mode: String) -> ISAProfile? {
        guard case .image(var image) = BinaryReader.read(path: path), let file = try? MappedFile(path: path) else {
            return nil
        }
        if mode == "sweep" {
            image.code.functions = []
            image.code.functionSource = nil
        }
        let options = ISAOptions(
            maxDecodedBytes: 1 << 30, workers: ProcessInfo.processInfo.activeProcessorCount,
            followControlFlow: mode == "flow")
        return withExtendedLifetime(file) {
            ISAAnalyzer.profile(image: image, bytes: file.bytes, options: options, release: file.releasePages)
        }
    }
}
