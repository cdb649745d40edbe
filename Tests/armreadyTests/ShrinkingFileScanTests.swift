#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import Synchronization
import Testing

/// Issue 14: a file truncated and regrown while `scan` and `inspect` read it must never kill
/// them with a signal; each run exits with a report (rated, or a `changed` diagnostic).
@Suite("armready: files that shrink while they are scanned")
struct ShrinkingFileScanTests {
    @Test(.timeLimit(.minutes(10)))
    func aHundredRunsBesideATruncateAndRegrowLoopEndWithAReport() throws {
        let tree = try TemporaryTree()
        // A large ELF that every build has: armready itself (tens of MB in a debug build).
        let original = try Data(contentsOf: try Armready.executable.get())
        let victim = tree.url.appendingPathComponent("victim.so").path
        try original.write(to: URL(fileURLWithPath: victim))
        let stop = Atomic<Bool>(false)
        let cycles = Atomic<Int>(0)
        let mutator = Thread {
            let fd = open(victim, O_WRONLY)
            guard fd >= 0 else { return }
            defer { close(fd) }
            while !stop.load(ordering: .relaxed) {
                _ = ftruncate(fd, off_t(original.count / 7))
                usleep(3_000)
                original.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let wrote = pwrite(
                            fd, raw.baseAddress! + offset, min(1 << 20, raw.count - offset), off_t(offset))
                        guard wrote > 0 else { break }
                        offset += wrote
                    }
                }
                usleep(3_000)
                cycles.add(1, ordering: .relaxed)
            }
        }
        mutator.start()
        defer { stop.store(true, ordering: .relaxed) }

        var outcomes: [String: Int] = [:]
        for run in 0..<100 {
            let inspect = run % 2 == 1
            let arguments =
                inspect
                ? ["inspect", "--isa", "--format", "json", victim]
                : ["scan", tree.path, "--report", "json"]
            let result = try Armready.run(arguments)
            #expect(!result.diedOfSignal, "run \(run) (\(arguments[0])) died of signal \(result.status)")
            #expect([0, 1].contains(result.status), "run \(run): status \(result.status)\n\(result.stderr)")
            let json = try result.json()
            if inspect {
                let file = try #require((json["files"] as? [[String: Any]])?.first)
                outcomes[
                    "inspect " + (file["error"] == nil || file["error"] is NSNull ? "read" : "error"), default: 0] +=
                    1
            } else {
                let diagnostics = (json["diagnostics"] as? [[String: Any]]) ?? []
                let binaries = (json["binaries"] as? [[String: Any]]) ?? []
                #expect(binaries.count + diagnostics.count >= 1, "run \(run): the file is neither rated nor reported")
                outcomes["scan " + (diagnostics.first?["kind"] as? String ?? "rated"), default: 0] += 1
            }
        }
        stop.store(true, ordering: .relaxed)
        // The loop must really have raced the runs.
        #expect(cycles.load(ordering: .relaxed) >= 100, "\(outcomes)")
        print(
            "shrinking-file runs: \(outcomes.sorted { $0.key < $1.key }), mutator cycles: \(cycles.load(ordering: .relaxed))"
        )
    }
}
