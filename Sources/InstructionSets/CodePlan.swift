import BinaryFormats

/// The byte ranges to decode for one image, in order: function ranges from the binary's own
/// table first, then a linear sweep of whatever the executable sections hold outside them.
///
/// Nothing from the layout is trusted: section extents are clipped to the file, function ranges
/// are clipped to the section that holds their start (and dropped when none does), overlapping
/// functions are decoded once, and every sum is overflow-checked.
struct CodePlan {
    /// One contiguous run of bytes with one instruction set.
    struct Segment: Equatable {
        var fileOffset: Int
        var length: Int
        var address: UInt64
        var architecture: CodeArchitecture
        var inFunction: Bool
    }

    private(set) var segments: [Segment] = []
    /// Function ranges that could not be mapped to bytes in the file.
    private(set) var skippedFunctions = 0

    private struct Extent {
        var start: UInt64
        var end: UInt64
        var fileOffset: Int
    }

    init(layout: CodeLayout, fileSize: Int) {
        var segments: [Segment] = []
        skippedFunctions = Self.generate(layout: layout, fileSize: fileSize) { segments.append($0) }
        self.segments = segments
    }

    /// The instruction sets the plan of `layout` has segments of, without keeping the plan (a
    /// large module's is 40 MB, and the flow analysis runs before the sweep needs it).
    static func architectures(layout: CodeLayout, fileSize: Int) -> Set<CodeArchitecture> {
        var found: Set<CodeArchitecture> = []
        _ = generate(layout: layout, fileSize: fileSize) { found.insert($0.architecture) }
        return found
    }

    /// Emits the plan's segments in order; returns the number of skipped functions.
    private static func generate(layout: CodeLayout, fileSize: Int, emit: (Segment) -> Void) -> Int {
        var skippedFunctions = 0
        let extents = Self.sectionExtents(layout.sections, fileSize: fileSize)
        let ranges = layout.architectureRanges.sorted { $0.start < $1.start }
        let data = Self.merged(layout.dataRanges)
        // Each run goes straight to segments: a large module has a run per function, and lists
        // of runs (and a list of pieces per run) cost it more than the segments themselves.
        func add(section: Int, start: UInt64, end: UInt64, inFunction: Bool) {
            let extent = extents[section]
            Self.removing(data, from: start, end) { start, end in
                Self.split(start, end, ranges: ranges, default: layout.architecture) { start, end, architecture in
                    // In-section offsets fit in Int: the section's file extent was clipped to the file.
                    emit(
                        Segment(
                            fileOffset: extent.fileOffset + Int(start - extent.start), length: Int(end - start),
                            address: start, architecture: architecture, inFunction: inFunction))
                }
            }
        }
        var functions = layout.functions.prefix(ReadLimits.maxFunctions).map { (start: $0.start, size: $0.size) }
        functions.sort { $0.start < $1.start }
        // Per section, the function runs in address order (disjoint): the sweep takes the gaps.
        var functionRuns: [[(start: UInt64, end: UInt64)]] = Array(repeating: [], count: extents.count)
        var lastEnd: [UInt64] = extents.map(\.start)
        for function in functions {
            guard function.size > 0,
                let section = extents.firstIndex(where: { function.start >= $0.start && function.start < $0.end })
            else {
                skippedFunctions += 1
                continue
            }
            let (rawEnd, overflow) = function.start.addingReportingOverflow(function.size)
            let end = overflow ? extents[section].end : min(rawEnd, extents[section].end)
            let start = max(function.start, lastEnd[section])
            guard start < end else { continue }
            lastEnd[section] = end
            add(section: section, start: start, end: end, inFunction: true)
            if layout.sweepsOutsideFunctions { functionRuns[section].append((start, end)) }
        }
        for (index, extent) in extents.enumerated() where layout.sweepsOutsideFunctions {
            var cursor = extent.start
            for range in functionRuns[index] {
                if range.start > cursor { add(section: index, start: cursor, end: range.start, inFunction: false) }
                cursor = max(cursor, range.end)
            }
            functionRuns[index] = []
            if cursor < extent.end { add(section: index, start: cursor, end: extent.end, inFunction: false) }
        }
        return skippedFunctions
    }

    /// Section extents clipped to the file, sorted by address; empty or out-of-file sections dropped.
    private static func sectionExtents(_ sections: [CodeSection], fileSize: Int) -> [Extent] {
        var extents: [Extent] = []
        for section in sections.prefix(ReadLimits.maxCodeSections) {
            guard section.fileOffset >= 0, section.fileSize > 0, section.fileOffset < fileSize else { continue }
            let available = min(section.fileSize, fileSize - section.fileOffset)
            let (end, overflow) = section.address.addingReportingOverflow(UInt64(available))
            guard !overflow else { continue }
            extents.append(Extent(start: section.address, end: end, fileOffset: section.fileOffset))
        }
        extents.sort { $0.start < $1.start }
        // Overlapping sections: keep the first, trim the next so no byte is decoded twice.
        var result: [Extent] = []
        for var extent in extents {
            if let previous = result.last, extent.start < previous.end {
                let skip = previous.end - extent.start
                guard skip < extent.end - extent.start else { continue }
                extent.start += skip
                extent.fileOffset += Int(skip)
            }
            result.append(extent)
        }
        return result
    }

    /// `ranges` sorted by start with overlapping and touching ranges joined; at most
    /// `ReadLimits.maxFunctions` of them, sizes that overflow end at the top of the space.
    private static func merged(_ ranges: [FunctionRange]) -> [(start: UInt64, end: UInt64)] {
        var result: [(start: UInt64, end: UInt64)] = []
        for range in ranges.prefix(ReadLimits.maxFunctions).sorted(by: { $0.start < $1.start }) where range.size > 0 {
            let (end, overflow) = range.start.addingReportingOverflow(range.size)
            let limit = overflow ? UInt64.max : end
            if let last = result.last, range.start <= last.end {
                result[result.count - 1].end = max(last.end, limit)
            } else {
                result.append((range.start, limit))
            }
        }
        return result
    }

    /// The parts of `[start, end)` outside the sorted, disjoint `data` ranges, in order.
    private static func removing(
        _ data: [(start: UInt64, end: UInt64)], from start: UInt64, _ end: UInt64,
        _ body: (UInt64, UInt64) -> Void
    ) {
        guard !data.isEmpty else { return body(start, end) }
        // The first data range that ends after `start`, by binary search: a .NET image has
        // one range per IL method body.
        var low = 0
        var high = data.count
        while low < high {
            let middle = (low + high) / 2
            if data[middle].end <= start { low = middle + 1 } else { high = middle }
        }
        var cursor = start
        var index = low
        while index < data.count, data[index].start < end {
            if data[index].start > cursor { body(cursor, data[index].start) }
            cursor = max(cursor, data[index].end)
            index += 1
        }
        if cursor < end { body(cursor, end) }
    }

    /// Splits `[start, end)` by the hybrid code map, in order; addresses outside it use `fallback`.
    private static func split(
        _ start: UInt64, _ end: UInt64, ranges: [ArchitectureRange], default fallback: CodeArchitecture,
        _ body: (UInt64, UInt64, CodeArchitecture) -> Void
    ) {
        guard !ranges.isEmpty else { return body(start, end, fallback) }
        var cursor = start
        for range in ranges where cursor < end {
            let (rangeEnd, overflow) = range.start.addingReportingOverflow(range.size)
            let limit = overflow ? UInt64.max : rangeEnd
            guard limit > cursor, range.start < end else { continue }
            if range.start > cursor {
                body(cursor, range.start, fallback)
                cursor = range.start
            }
            let pieceEnd = min(limit, end)
            body(cursor, pieceEnd, architecture(of: range.architecture))
            cursor = pieceEnd
        }
        if cursor < end { body(cursor, end, fallback) }
    }

    private static func architecture(of type: HybridCodeType) -> CodeArchitecture {
        switch type {
        case .arm64, .arm64ec, .chpe: .arm64
        case .x64: .x64
        case .x86: .x86
        }
    }
}
