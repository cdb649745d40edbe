import BinaryFormats

/// Builds an `ISAProfile` for one image: plans the code ranges, decodes them (x86/x64 through
/// Zydis, AArch64 through `AArch64Classifier`), and gathers dispatch evidence.
///
/// Single-threaded within a file; callers fan files out over cores.
package enum ISAAnalyzer {
    /// How many decoded bytes pass between `release` calls.
    static let releaseStride = 8 << 20

    /// Profiles the code of `image`.
    ///
    /// - Parameters:
    ///   - image: the image as a reader produced it (or as a test built it).
    ///   - bytes: the whole file the image was read from; must outlive the call only.
    ///   - options: the byte cap and the number of examples kept.
    ///   - release: called with file ranges already decoded, at most every `releaseStride`
    ///     bytes, so a caller with a memory-mapped file can drop those pages from resident
    ///     memory (`MappedFile.releasePages`). Never call anything that frees or zeroes memory
    ///     here for bytes that are not a file mapping.
    /// - Returns: the profile; never traps on hostile layouts (ranges outside the file are skipped).
    package static func profile(
        image: BinaryImage, bytes: UnsafeRawBufferPointer, options: ISAOptions = ISAOptions(),
        release: ((Range<Int>) -> Void)? = nil
    ) -> ISAProfile {
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
        var decoded = 0
        var capReached = false
        var released = 0
        for segment in plan.segments {
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
            switch segment.architecture {
            case .x64: x64?.scan(slice, address: address, inFunction: segment.inFunction)
            case .x86: x86?.scan(slice, address: address, inFunction: segment.inFunction)
            case .arm64: arm.scan(slice, address: address, inFunction: segment.inFunction)
            case .other: continue
            }
            decoded += length
            if let release, offset + length - released >= releaseStride {
                release(released..<(offset + length))
                released = offset + length
            }
        }
        return assemble(
            image: image, plan: plan, x86Scanners: [x64, x86].compactMap { $0 }, arm: arm,
            decoded: decoded, capReached: capReached, options: options)
    }

    private static func assemble(
        image: BinaryImage, plan: CodePlan, x86Scanners: [X86Scanner], arm: AArch64Scanner,
        decoded: Int, capReached: Bool, options: ISAOptions
    ) -> ISAProfile {
        let names = SymbolNamer(symbols: image.code.symbols, functions: image.code.functions)
        var findings: [ISAExtensionUse] = []
        var x86Merged: [ISAExtension: ISAExtensionUse] = [:]
        for scanner in x86Scanners {
            for finding in scanner.tally.findings(name: names.name(at:)) {
                if var known = x86Merged[finding.name] {
                    known.count += finding.count
                    known.inFunctions += finding.inFunctions
                    known.inLinearSweep += finding.inLinearSweep
                    known.examples = Array((known.examples + finding.examples).prefix(options.examplesPerExtension))
                    x86Merged[finding.name] = known
                } else {
                    x86Merged[finding.name] = finding
                }
            }
        }
        findings += x86Merged.values.sorted { $0.name < $1.name }
        let unconfirmed = arm.unconfirmedExtensions
        findings += arm.tally.findings(name: names.name(at:)).map { finding in
            var finding = finding
            finding.unconfirmed = !finding.hint && unconfirmed.contains(finding.name)
            return finding
        }

        var profile = ISAProfile()
        profile.findings = findings
        var dispatch = DispatchEvidence.fromImports(image)
        dispatch.cpuid = x86Scanners.contains { $0.cpuid > 0 }
        dispatch.xgetbv = x86Scanners.contains { $0.xgetbv > 0 }
        dispatch.idRegisterRead = arm.idRegisterReads > 0
        profile.dispatch = dispatch
        let sweep = image.code.sweepsOutsideFunctions
        profile.method =
            image.code.functionSource.map { sweep ? $0.rawValue + "+linear-sweep" : $0.rawValue } ?? "linear-sweep"
        profile.bytesDecoded = decoded
        profile.byteCap = options.maxDecodedBytes
        profile.capReached = capReached
        profile.decodeFailures = x86Scanners.reduce(0) { $0 + $1.failures }
        profile.skippedFunctions = plan.skippedFunctions
        return profile
    }
}
