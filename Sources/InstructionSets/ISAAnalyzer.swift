import BinaryFormats

/// Builds an `ISAProfile` for one image: plans the code ranges, decodes them (x86/x64 through
/// Zydis, AArch64 through `AArch64Classifier`), and gathers dispatch evidence.
///
/// The flow analysis splits a large image's functions over `ISAOptions.workers` cores; the
/// linear sweep of what it did not reach runs on the caller's thread.
package enum ISAAnalyzer {
    /// How many decoded bytes pass between `release` calls.
    static let releaseStride = 8 << 20

    /// Profiles the code of `image`.
    ///
    /// - Parameters:
    ///   - image: the image as a reader produced it (or as a test built it).
    ///   - bytes: the whole file the image was read from; must outlive the call only.
    ///   - options: the byte cap and the number of examples kept.
    ///   - release: called with file ranges already decoded (by each chunk of the flow
    ///     analysis, and at most every `releaseStride` bytes of the sweep), so a caller with a memory-mapped file can drop those pages from resident
    ///     memory (`MappedFile.releasePages`). Never call anything that frees or zeroes memory
    ///     here for bytes that are not a file mapping.
    /// - Returns: the profile; never traps on hostile layouts (ranges outside the file are skipped).
    package static func profile(
        image: BinaryImage, bytes: UnsafeRawBufferPointer, options: ISAOptions = ISAOptions(),
        release: ((Range<Int>) -> Void)? = nil
    ) -> ISAProfile {
        var flow: FlowRun?
        var armFlow: FlowRun?
        if options.followControlFlow {
            // The plan comes after the flow analysis: the two are a large module's largest
            // structures, and the flow keeps only its findings once it is done.
            let planned = CodePlan.architectures(layout: image.code, fileSize: bytes.count)
            if planned.contains(.x64) || planned.contains(.x86) {
                flow = FlowRun(image: image, bytes: bytes, options: options, family: .x86, release: release)
            }
            if planned.contains(.arm64) {
                armFlow = FlowRun(image: image, bytes: bytes, options: options, family: .arm64, release: release)
            }
        }
        let plan = CodePlan(layout: image.code, fileSize: bytes.count)
        var x64 = X86Scanner(bits: 64, examplesPerExtension: options.examplesPerExtension)
        var x86 = X86Scanner(bits: 32, examplesPerExtension: options.examplesPerExtension)
        // PE code addresses are RVAs: x64 jump tables hold RVAs, x86 ones absolute addresses.
        // ELF compilers put their tables in read-only data, not between instructions.
        if let pe = image.pe {
            x64?.jumpTables = X86JumpTables(addressBias: 0)
            x86?.jumpTables = X86JumpTables(addressBias: pe.imageBase)
        }
        var arm = AArch64Scanner(examplesPerExtension: options.examplesPerExtension)
        var decoded = (flow?.bytesDecoded ?? 0) + (armFlow?.bytesDecoded ?? 0)
        var capReached = (flow?.capReached ?? false) || (armFlow?.capReached ?? false)
        var pending: Range<Int>?
        // The ranges, not the runs: a large image has a segment per function, and copying a
        // `FlowRun` for each retains every array it holds.
        let x86Covered = flow?.covered
        let armCovered = armFlow?.covered
        for planned in plan.segments {
            // Code the flow analysis reached is not swept again: the sweep covers the gaps.
            let covered =
                planned.architecture == .arm64 ? armCovered : planned.architecture == .other ? nil : x86Covered
            let pieces = covered.map { Self.uncovered(planned, by: $0) } ?? [planned]
            for segment in pieces {
                let remaining = options.maxDecodedBytes - decoded
                guard remaining > 0 else {
                    capReached = true
                    break
                }
                var length = min(segment.length, remaining)
                if length < segment.length { capReached = true }
                var offset = segment.fileOffset
                var address = segment.address
                if segment.architecture == .arm64 {
                    // Instructions are 4-byte aligned; a sweep that starts mid-word realigns.
                    let skew = Int((4 - address % 4) % 4)
                    guard length > skew else { continue }
                    offset += skew
                    address += UInt64(skew)
                    length -= skew
                }
                guard offset >= 0, offset <= bytes.count, length <= bytes.count - offset else { continue }
                let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
                let inFunction = covered == nil && segment.inFunction
                switch segment.architecture {
                case .x64: x64?.scan(slice, address: address, inFunction: inFunction)
                case .x86: x86?.scan(slice, address: address, inFunction: inFunction)
                case .arm64: arm.scan(slice, address: address, inFunction: inFunction)
                case .other: continue
                }
                decoded += length
                // The plan sweeps function runs, then the gaps between them, each pass in file
                // order: the range since the last release is kept per pass, not from offset 0.
                if let release {
                    pending =
                        pending.map { min($0.lowerBound, offset)..<max($0.upperBound, offset + length) }
                        ?? offset..<(offset + length)
                    if let span = pending, span.count >= releaseStride || offset < span.upperBound - length {
                        release(span)
                        pending = nil
                    }
                }
            }
        }
        if let release, let span = pending { release(span) }
        return assemble(
            image: image, plan: plan, x86Scanners: [x64, x86].compactMap { $0 }, arm: arm, flow: flow, armFlow: armFlow,
            decoded: decoded, capReached: capReached, options: options)
    }

    /// The parts of `segment` outside the sorted, merged `covered` address ranges.
    static func uncovered(_ segment: CodePlan.Segment, by covered: [Range<UInt64>]) -> [CodePlan.Segment] {
        let start = segment.address
        let end = start &+ UInt64(segment.length)
        var low = 0
        var high = covered.count
        while low < high {
            let mid = (low + high) / 2
            if covered[mid].upperBound <= start { low = mid + 1 } else { high = mid }
        }
        var pieces: [CodePlan.Segment] = []
        var cursor = start
        var index = low
        while index < covered.count, covered[index].lowerBound < end {
            let range = covered[index]
            if range.lowerBound > cursor { pieces.append(piece(of: segment, from: cursor, to: range.lowerBound)) }
            cursor = max(cursor, range.upperBound)
            index += 1
        }
        if cursor < end { pieces.append(piece(of: segment, from: cursor, to: end)) }
        return pieces
    }

    private static func piece(of segment: CodePlan.Segment, from: UInt64, to: UInt64) -> CodePlan.Segment {
        var piece = segment
        piece.fileOffset = segment.fileOffset + Int(from - segment.address)
        piece.length = Int(to - from)
        piece.address = from
        piece.inFunction = false
        return piece
    }

    private static func assemble(
        image: BinaryImage, plan: CodePlan, x86Scanners: [X86Scanner], arm: AArch64Scanner, flow: FlowRun?,
        armFlow: FlowRun?,
        decoded: Int, capReached: Bool, options: ISAOptions
    ) -> ISAProfile {
        let names = SymbolNamer(symbols: image.code.symbols, functions: image.code.functions)
        var findings: [ISAExtensionUse] = []
        var x86Merged: [ISAExtension: ISAExtensionUse] = [:]
        for finding in flow?.findings ?? [] {
            x86Merged[finding.name] = finding
        }
        for scanner in x86Scanners {
            for finding in scanner.tally.findings(name: names.name(at:)) {
                if var known = x86Merged[finding.name] {
                    known.count += finding.count
                    known.inFunctions += finding.inFunctions
                    known.inLinearSweep += finding.inLinearSweep
                    let sweepExamples = finding.examples.prefix(
                        max(0, options.examplesPerExtension - known.examples.filter { $0.standing == nil }.count))
                    known.examples += sweepExamples
                    x86Merged[finding.name] = known
                } else {
                    x86Merged[finding.name] = finding
                }
            }
        }
        findings += x86Merged.values.sorted { $0.name < $1.name }
        // Swept AArch64 words without the set-up real use needs are likely data; code the flow
        // reached is code, whatever the sweep says.
        let unconfirmed = arm.unconfirmedExtensions
        var armMerged: [ISAExtension: ISAExtensionUse] = [:]
        for finding in armFlow?.findings ?? [] {
            armMerged[finding.name] = finding
        }
        for var finding in arm.tally.findings(name: names.name(at:)) {
            if var known = armMerged[finding.name] {
                known.count += finding.count
                known.inLinearSweep += finding.inLinearSweep
                known.inFunctions += armFlow == nil ? finding.inFunctions : 0
                known.examples += finding.examples.prefix(max(0, options.examplesPerExtension - known.examples.count))
                armMerged[finding.name] = known
            } else {
                finding.unconfirmed = !finding.hint && unconfirmed.contains(finding.name)
                armMerged[finding.name] = finding
            }
        }
        findings += armMerged.values.sorted { $0.name < $1.name }

        var profile = ISAProfile()
        profile.findings = findings
        var dispatch = DispatchEvidence.fromImports(image)
        dispatch.cpuid = x86Scanners.contains { $0.cpuid > 0 } || (flow?.cpuid ?? false)
        dispatch.xgetbv = x86Scanners.contains { $0.xgetbv > 0 } || (flow?.xgetbv ?? false)
        dispatch.idRegisterRead = arm.idRegisterReads > 0 || (armFlow?.idRegisterRead ?? false)
        profile.dispatch = dispatch
        let table = image.code.functionSource.map { $0.rawValue + "+" } ?? ""
        let flowPart = flow != nil || armFlow != nil ? "flow" : ""
        let sweepPart = image.code.sweepsOutsideFunctions ? "linear-sweep" : ""
        let parts = [flowPart, sweepPart].filter { !$0.isEmpty }.joined(separator: "+")
        profile.method = parts.isEmpty ? String(table.dropLast()) : table + parts
        profile.flow = flow?.report
        profile.arm64Flow = armFlow?.report
        profile.bytesDecoded = decoded
        profile.byteCap = options.maxDecodedBytes
        profile.capReached = capReached
        profile.decodeFailures = x86Scanners.reduce(0) { $0 + $1.failures }
        profile.skippedFunctions = plan.skippedFunctions
        return profile
    }
}
