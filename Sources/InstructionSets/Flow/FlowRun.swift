import BinaryFormats

/// One image's flow analysis, from decoding to the profile's findings and `ISAFlowReport`.
struct FlowRun {
    let covered: [Range<UInt64>]
    let bytesDecoded: Int
    let capReached: Bool
    let cpuid: Bool
    let xgetbv: Bool
    let idRegisterRead: Bool
    let report: ISAFlowReport
    /// The flow-found part of each extension's finding (counts by standing, examples).
    let findings: [ISAExtensionUse]

    /// Functions with fewer instructions say nothing about the compiler's target level.
    static let minimumInstructions = 8
    /// Whole-program builds for a level show it in 16–52% of functions, dispatching libraries in
    /// 0.6–5% (cpu-dispatch.md §2): 10% with at least 3 functions separates them.
    static let levelShare = 0.10
    static let minimumLevelFunctions = 3
    /// EVEX appears in 2–7% of the functions of a v4 build.
    static let evexShare = 0.02
    /// Of the measured functions that use SIMD or scalar FP at all, the share that is VEX/EVEX in a
    /// build for the level: 83–100% (Lua PE 106/127 beside a baseline CRT; faiss `_swigfaiss_avx2`
    /// 4,559/4,559), against 13–29% in libraries that dispatch (libavcodec, OpenBLAS, numpy).
    static let vexShareOfSIMDFunctions = 0.5

    /// - Parameter family: `.x86` decodes x86 and x64 functions, `.arm64` AArch64 ones; a hybrid
    ///   image gets one run per family (calls between them are not followed).
    init(
        image: BinaryImage, bytes: UnsafeRawBufferPointer, options: ISAOptions, family: ISAExtension.Architecture,
        release: ((Range<Int>) -> Void)? = nil
    ) {
        let code = CodeBytes(sections: image.code.sections, bytes: bytes)
        let decoding = FlowDecoding(
            layout: image.code, code: code, bias: image.pe?.imageBase ?? 0,
            architectures: family == .x86 ? [.x64, .x86] : [.arm64])
        var output = decoding.run(byteCap: options.maxDecodedBytes, workers: options.workers, release: release)
        covered = output.covered
        bytesDecoded = output.bytesDecoded
        capReached = output.capReached
        cpuid = output.functions.hasCPUID
        xgetbv = output.functions.hasXGETBV
        idRegisterRead = output.functions.hasIDRegisterRead
        let roots = LoaderRoots.select(image.code.roots)
        // Handed over, not shared: the analysis restores some functions' blocks, and a second
        // reference would copy every array of the table for it.
        let functions = output.functions
        output.functions = FunctionTable()
        let analysis = FlowAnalysis(
            functions: consume functions, roots: roots, importSlots: image.code.importSlots,
            symbols: image.code.symbols, pointerAt: Self.pointerReader(image: image, bytes: bytes),
            decodeWhole: { decoding.wholeSummaries(at: $0, release: release) })
        // Only what the profile reports is kept: the analysis and its table go here.
        let explanation = FlowExplanation(
            analysis: analysis, extensionNames: family == .x86 ? X86ScanTable.shared.names : AArch64Encodings.names,
            family: family)
        report = explanation.report(roots: roots)
        findings = explanation.findings(examplesPerExtension: options.examplesPerExtension)
    }

    /// Reads a pointer-sized value a PE image holds at an RVA (from its file bytes), as an RVA.
    /// ELF pointers in PIE images are filled by relocations, so there is nothing to read.
    static func pointerReader(image: BinaryImage, bytes: UnsafeRawBufferPointer) -> (UInt64) -> UInt64? {
        guard let pe = image.pe else { return { _ in nil } }
        let sections = pe.sections.map { ($0.virtualAddress, $0.sizeOfRawData, $0.pointerToRawData) }
        let width = pe.isPE32Plus ? 8 : 4
        let base = pe.imageBase
        // The closure reads `bytes`: FlowAnalysis uses it only while the bytes are alive (init).
        return { rva in
            for (address, size, raw) in sections
            where rva >= UInt64(address) && rva - UInt64(address) + UInt64(width) <= UInt64(size) {
                let offset = Int(raw) + Int(rva - UInt64(address))
                guard offset >= 0, offset + width <= bytes.count else { return nil }
                var value: UInt64 = 0
                for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
                return value >= base ? value - base : nil
            }
            return nil
        }
    }
}
