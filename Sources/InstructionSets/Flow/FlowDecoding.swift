import BinaryFormats
internal import CMallocTuning
import Dispatch
import Synchronization

/// Decides which functions to decode and decodes them: first the binary's own function table
/// and its roots, then, round by round, the call targets and taken code addresses those
/// functions reveal. Large images are split across cores: each function is decoded alone, so
/// the rounds parallelise without locks.
/// `@unchecked Sendable`: workers only read it (the layout, and bytes the caller keeps alive).
struct FlowDecoding: @unchecked Sendable {
    struct Output {
        var functions = FunctionTable()
        /// Decoded instruction ranges, sorted and merged: the linear sweep covers the rest.
        var covered: [Range<UInt64>] = []
        var bytesDecoded = 0
        var capReached = false
    }

    /// Images with less code than this are decoded on one core.
    static let parallelThreshold = 4 << 20

    private struct Job {
        var start: UInt64
        var limit: UInt64
    }

    let layout: CodeLayout
    let code: CodeBytes
    let bias: UInt64
    let architectures: Set<CodeArchitecture>
    /// Function starts from the table and the roots, sorted and unique, and where each table
    /// function ends (0 for a root without a table entry: no function ends at address 0).
    private let tableStarts: [UInt64]
    private let tableEnds: [UInt64]
    private let hasTable: Bool
    private let symbolStarts: Set<UInt64>

    /// - Parameters:
    ///   - architectures: the instruction sets decoded here (others are left to the sweep).
    ///   - bias: subtracted from absolute addresses in 32-bit code (the PE image base).
    init(layout: CodeLayout, code: CodeBytes, bias: UInt64, architectures: Set<CodeArchitecture>) {
        self.layout = layout
        self.code = code
        self.bias = bias
        self.architectures = architectures
        // Sorted arrays, not dictionaries: a large module has 400,000 table entries.
        var entries: [(start: UInt64, end: UInt64)] = []
        for function in layout.functions.prefix(ReadLimits.maxFunctions) where function.size > 0 {
            let (end, overflow) = function.start.addingReportingOverflow(function.size)
            entries.append((function.start, overflow ? UInt64.max : end))
        }
        for root in layout.roots.prefix(ReadLimits.maxFunctions) { entries.append((root.address, 0)) }
        entries.sort { $0.start < $1.start }
        var starts: [UInt64] = []
        var ends: [UInt64] = []
        starts.reserveCapacity(entries.count)
        ends.reserveCapacity(entries.count)
        for entry in entries {
            if let last = starts.last, last == entry.start {
                ends[ends.count - 1] = max(ends[ends.count - 1], entry.end)
            } else {
                starts.append(entry.start)
                ends.append(entry.end)
            }
        }
        tableStarts = starts
        tableEnds = ends
        hasTable = ends.contains { $0 != 0 }
        symbolStarts = Set(layout.symbols.prefix(ReadLimits.maxSymbols).map(\.address))
    }

    /// - Parameters:
    ///   - byteCap: stop decoding new functions once this many bytes were decoded.
    ///   - workers: cores to use for images with at least `parallelThreshold` bytes of code.
    ///   - release: called with the file range a chunk of functions was decoded from, so a
    ///     memory-mapped file's pages do not all stay resident (see `ISAAnalyzer.profile`).
    func run(byteCap: Int, workers: Int, release: ((Range<Int>) -> Void)? = nil) -> Output {
        var output = Output()
        var seen = Set<UInt64>()
        var round = tableStarts.filter { seen.insert($0).inserted }
        var budget = byteCap
        while !round.isEmpty, output.functions.count < FlowLimits.maxFunctions, budget > 0 {
            let jobs = round.prefix(FlowLimits.maxFunctions - output.functions.count).compactMap(job(at:))
            let first = output.functions.count
            // The first round leaves room for the later ones (a few percent more functions).
            let covered = decode(
                jobs, budget: budget, workers: workers, release: release, into: &output.functions,
                spare: first == 0 ? 1.0 / 32 : 0)
            var next: [UInt64] = []
            for index in first..<output.functions.count {
                output.bytesDecoded += output.functions.bytes(index)
                budget -= output.functions.bytes(index)
                for call in output.functions.calls(index) {
                    if case .direct(let target) = call.target, seen.insert(target).inserted { next.append(target) }
                }
                for taken in output.functions.addressesTaken(index) where isFunctionStartCandidate(taken.target) {
                    if seen.insert(taken.target).inserted { next.append(taken.target) }
                }
            }
            if budget <= 0 { output.capReached = true }
            // A call into the middle of code already decoded is not a new function: decoding it
            // again would count its instructions twice. (`union` joins the two sorted lists in
            // one pass, so a round costs about the length of the list.)
            output.covered = Self.union(output.covered, Self.merge(covered))
            round = next.filter { !Self.contains(output.covered, $0) }.sorted()
        }
        return output
    }

    /// A taken code address inside a table function (a jump table, a label) is not a function.
    /// AArch64 compilers keep constant tables in `.text` (`adr` reaches them), so there a taken
    /// address counts only where the binary's table or symbols start a function.
    private func isFunctionStartCandidate(_ address: UInt64) -> Bool {
        if tableEnd(at: address) != nil || symbolStarts.contains(address) { return true }
        if architecture(at: address) == .arm64, hasTable { return false }
        guard let previous = last(atOrBefore: address) else { return true }
        if let end = tableEnd(at: previous), address < end { return false }
        return true
    }

    private func job(at start: UInt64) -> Job? {
        guard architectures.contains(architecture(at: start)), let sectionEnd = code.sectionEnd(of: start) else {
            return nil
        }
        if let end = tableEnd(at: start) { return Job(start: start, limit: min(end, sectionEnd)) }
        // Without a table entry the function runs at most to the next known start.
        var limit = sectionEnd
        if let next = first(after: start) { limit = min(limit, next) }
        return Job(start: start, limit: limit)
    }

    func architecture(at address: UInt64) -> CodeArchitecture {
        for range in layout.architectureRanges where address >= range.start && address - range.start < range.size {
            switch range.architecture {
            case .arm64, .arm64ec, .chpe: return .arm64
            case .x64: return .x64
            case .x86: return .x86
            }
        }
        return layout.architecture
    }

    /// What a chunk of jobs yielded: its functions, and the instruction ranges they cover.
    fileprivate struct Decoded: Sendable {
        var functions = FunctionTable()
        var covered: [Range<UInt64>] = []
    }

    /// Appends the jobs' functions to `table` in job order; returns the instruction ranges
    /// they cover. Each chunk's table is freed as it is appended.
    private func decode(
        _ jobs: [Job], budget: Int, workers requested: Int, release: ((Range<Int>) -> Void)?,
        into table: inout FunctionTable, spare: Double
    ) -> [Range<UInt64>] {
        let estimated = jobs.reduce(0) { $0 + Int(min($1.limit - $1.start, 1 << 20)) }
        let parallel = estimated >= Self.parallelThreshold
        let workers = parallel ? min(8, max(1, requested), max(1, jobs.count)) : 1
        // Function sizes vary by orders of magnitude, so the workers take small chunks in turn
        // rather than one share each; results stay in job order. (One worker takes them all,
        // releasing each chunk's pages as it goes.)
        let chunkSize = parallel ? max(64, jobs.count / (workers * 16)) : max(1, jobs.count)
        let chunks = (jobs.count + chunkSize - 1) / chunkSize
        let results = ChunkResults(count: chunks)
        let nextChunk = Atomic<Int>(0)
        let release = release.map(ReleasePages.init)
        // One iteration runs on the calling thread.
        DispatchQueue.concurrentPerform(iterations: chunks > 0 ? workers : 0) { _ in
            while true {
                let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                let low = chunk * chunkSize
                let high = min(jobs.count, low + chunkSize)
                let decoded = decodeChunk(jobs[low..<high], budget: budget / chunks)
                if let release { code.fileRanges(spanning: decoded.covered).forEach(release.call) }
                results.set(chunk, decoded)
            }
        }
        table.reserve(for: results.tables(), spare: spare)
        var covered: [Range<UInt64>] = []
        covered.reserveCapacity(results.coveredCount())
        for chunk in 0..<chunks {
            let decoded = results.take(chunk)
            table.append(contentsOf: decoded.functions)
            covered += decoded.covered
            // The chunk's table is freed here; glibc would keep its pages resident beside the
            // joined table (130 MB on a large module), so they go back as the join proceeds.
            if parallel, chunk % 4 == 3 || chunk == chunks - 1 { armready_release_free_memory() }
        }
        return covered
    }

    private func decodeChunk(_ jobs: ArraySlice<Job>, budget: Int) -> Decoded {
        var decoders = Decoders(bias: bias)
        var output = Decoded()
        var spent = 0
        for job in jobs {
            guard spent < budget else { break }
            if var summary = decoders.decode(job, architecture: architecture(at: job.start), code: code) {
                spent += summary.bytes
                output.covered += summary.compact()
                output.functions.append(summary)
            }
        }
        return output
    }

    /// The functions at `starts` decoded again as `run` decoded them, blocks and all (`run`
    /// keeps none: see `FunctionSummary.compact`); nil where `run` would not decode one.
    /// `release` is handed the file ranges decoded, as in `run`.
    func wholeSummaries(at starts: [UInt64], release: ((Range<Int>) -> Void)? = nil) -> [FunctionSummary?] {
        var decoders = Decoders(bias: bias)
        return starts.map { start in
            guard let job = job(at: start) else { return nil }
            var summary = decoders.decode(job, architecture: architecture(at: start), code: code)
            summary?.trimmed()
            if let release, let blocks = summary?.blocks {
                code.fileRanges(spanning: Self.merge(blocks.map { $0.start..<$0.end })).forEach(release)
            }
            return summary
        }
    }

    /// One decoder per instruction set, made once per chunk (each keeps its scratch) when the
    /// chunk first needs it: an x86 decoder's fast path is checked against Zydis when the
    /// process first makes one, and an x64 image needs no x86 one.
    private struct Decoders {
        private var x64: X86FunctionDecoder??
        private var x86: X86FunctionDecoder??
        private var arm = AArch64FunctionDecoder()
        let bias: UInt64

        init(bias: UInt64) { self.bias = bias }

        mutating func decode(_ job: Job, architecture: CodeArchitecture, code: CodeBytes) -> FunctionSummary? {
            switch architecture {
            case .x64:
                if x64 == nil { x64 = .some(X86FunctionDecoder(bits: 64)) }
                return x64??.decode(start: job.start, limit: job.limit, code: code)
            case .x86:
                if x86 == nil { x86 = .some(X86FunctionDecoder(bits: 32, absoluteBias: bias)) }
                return x86??.decode(start: job.start, limit: job.limit, code: code)
            case .arm64: return arm.decode(start: job.start, limit: job.limit, code: code)
            case .other: return nil
            }
        }
    }

    /// The end of the table function that starts at `address`.
    private func tableEnd(at address: UInt64) -> UInt64? {
        var low = 0
        var high = tableStarts.count
        while low < high {
            let mid = (low + high) / 2
            if tableStarts[mid] < address { low = mid + 1 } else { high = mid }
        }
        guard low < tableStarts.count, tableStarts[low] == address, tableEnds[low] != 0 else { return nil }
        return tableEnds[low]
    }

    private func last(atOrBefore address: UInt64) -> UInt64? {
        var low = 0
        var high = tableStarts.count
        while low < high {
            let mid = (low + high) / 2
            if tableStarts[mid] <= address { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? tableStarts[low - 1] : nil
    }

    private func first(after address: UInt64) -> UInt64? {
        var low = 0
        var high = tableStarts.count
        while low < high {
            let mid = (low + high) / 2
            if tableStarts[mid] <= address { low = mid + 1 } else { high = mid }
        }
        return low < tableStarts.count ? tableStarts[low] : nil
    }

    static func contains(_ merged: [Range<UInt64>], _ address: UInt64) -> Bool {
        var low = 0
        var high = merged.count
        while low < high {
            let mid = (low + high) / 2
            if merged[mid].upperBound <= address { low = mid + 1 } else { high = mid }
        }
        return low < merged.count && merged[low].contains(address)
    }

    /// `ranges` sorted, with overlapping and touching ranges joined. In place: a large module's
    /// list has half a million ranges, and copies of it were the flow's largest transient.
    static func merge(_ ranges: consuming [Range<UInt64>]) -> [Range<UInt64>] {
        var merged = ranges
        merged.removeAll { $0.isEmpty }
        if zip(merged, merged.dropFirst()).contains(where: { $0.lowerBound > $1.lowerBound }) {
            merged.sort { $0.lowerBound < $1.lowerBound }
        }
        var count = 0
        for index in merged.indices {
            let range = merged[index]
            if count > 0, range.lowerBound <= merged[count - 1].upperBound {
                merged[count - 1] = merged[count - 1].lowerBound..<max(merged[count - 1].upperBound, range.upperBound)
            } else {
                merged[count] = range
                count += 1
            }
        }
        merged.removeLast(merged.count - count)
        return merged
    }

    /// The union of two merged lists (see `merge`), merged, in one pass.
    static func union(_ first: [Range<UInt64>], _ second: [Range<UInt64>]) -> [Range<UInt64>] {
        guard !first.isEmpty else { return second }
        guard !second.isEmpty else { return first }
        var result: [Range<UInt64>] = []
        result.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count || j < second.count {
            let range: Range<UInt64>
            if j == second.count || (i < first.count && first[i].lowerBound <= second[j].lowerBound) {
                range = first[i]
                i += 1
            } else {
                range = second[j]
                j += 1
            }
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}

/// Per-chunk results of a parallel round, each written once by the worker that took the chunk.
private final class ChunkResults: Sendable {
    private let slots: Mutex<[FlowDecoding.Decoded]>

    init(count: Int) { slots = Mutex(Array(repeating: FlowDecoding.Decoded(), count: count)) }

    func set(_ index: Int, _ value: FlowDecoding.Decoded) {
        slots.withLock { $0[index] = value }
    }

    /// The chunks' tables (shared, not copied: for their sizes).
    func tables() -> [FunctionTable] { slots.withLock { $0.map(\.functions) } }

    /// How many covered ranges the chunks hold in all.
    func coveredCount() -> Int { slots.withLock { $0.reduce(0) { $0 + $1.covered.count } } }

    /// Chunk `index`'s result, leaving nothing behind.
    func take(_ index: Int) -> FlowDecoding.Decoded {
        slots.withLock { slots in
            defer { slots[index] = FlowDecoding.Decoded() }
            return slots[index]
        }
    }
}

/// The caller's page release, called from the workers. `@unchecked Sendable`: it drops pages of
/// a private, read-only mapping (`madvise`), which any thread may do at any time.
private struct ReleasePages: @unchecked Sendable {
    let call: (Range<Int>) -> Void
}
