import BinaryFormats
import InstructionSets

/// Turns an instruction-set profile into the `isa.*` facts rules read.
///
/// What counts as *required*: every extension the decoder found outside hint space, whether
/// inside the binary's function ranges or by the linear sweep of the rest of the code. The
/// sweep matters: x64 `.pdata` lists only functions with unwind data, so leaf functions (a
/// typical AVX-512 kernel) are found only by the sweep. Data in code sections can add noise,
/// which the profile's per-extension `inLinearSweep` count shows.
/// What counts as *dispatched*: when the binary shows runtime-dispatch evidence (CPUID,
/// XGETBV, IsProcessorFeaturePresent, getauxval, IFUNC, ...), extensions beyond the
/// architecture's baseline are taken to sit behind that check, since armready does not
/// follow control flow; rules that use `isa.*.dispatched` say their confidence is medium.
/// An ELF x86 ISA-level note (`GNU_PROPERTY_X86_ISA_1_NEEDED`) is a declared requirement and
/// overrides the dispatch inference for the extensions of its level.
package enum ISAFacts {
    /// x86-64 baseline and v2 extensions: never "dispatched" (every x86-64 CPU Windows 11
    /// supports has them, windows-on-arm.md §7.3) and listed by every target profile.
    /// CLFLUSH is left out: it has its own CPUID bit, and Prism hides it from x86 processes
    /// (§3.2), so code that checks for it (OpenSSL does) must count as dispatching it.
    static let x86Baseline: Set<ISAExtension> = [
        .x87, .mmx, .sse, .sse2, .sse3, .ssse3, .sse4_1, .sse4_2, .popcnt, .cmov, .lahf, .cx16, .fxsr,
    ]

    /// AArch64 extensions never "dispatched": the Windows 11 baseline (Armv8.1 LSE, and CRC32).
    static let arm64Baseline: Set<ISAExtension> = [.lse, .crc32]

    /// Extensions each x86-64 ISA level adds (windows-on-arm.md §8.3, from binutils).
    static let x86Levels: [String: [ISAExtension]] = [
        "x86-64-v3": [.avx, .avx2, .bmi1, .bmi2, .f16c, .fma, .lzcnt, .movbe, .xsave],
        "x86-64-v4": [.avx512f, .avx512bw, .avx512cd, .avx512dq, .avx512vl],
    ]

    package static func facts(for profile: ISAProfile, image: BinaryImage) -> Facts {
        let counted = profile.findings.filter { $0.standing == .required && $0.count > 0 }
        func required(_ architecture: ISAExtension.Architecture) -> Set<ISAExtension> {
            Set(counted.filter { $0.architecture == architecture }.map(\.name))
        }
        func names(_ extensions: Set<ISAExtension>) -> FactValue { .list(extensions.map(\.rawValue).sorted()) }
        var facts = Facts()
        var x86: Set<ISAExtension>
        var x86Dispatched: Set<ISAExtension> = []
        var x86Dispatch: Bool
        if let flow = profile.flow {
            let split = flowSplit(counted.filter { $0.architecture == .x86 }, flow: flow, image: image)
            x86 = split.required
            x86Dispatched = split.dispatched
            x86Dispatch = split.dispatch
            facts[.isaX86Unknown] = names(split.unknown)
            facts[.isaX86SweepOnly] = names(split.sweepOnly)
            if let level = flow.compiledFor { facts[.isaX86CompiledFor] = .string(level) }
            facts[.isaX86CompiledForPercent] = .int(Int((flow.compiledForShare * 100).rounded()))
            let x87 = counted.first { $0.architecture == .x86 && $0.name == .x87 }
            facts[.isaX86X87Count] = .int(x87?.inFunctions ?? 0)
        } else {
            x86Dispatch = profile.dispatch.any
            x86 = required(.x86)
            if x86Dispatch {
                x86Dispatched = x86.subtracting(x86Baseline)
                x86 = x86.intersection(x86Baseline)
            }
            facts[.isaX86X87Count] = .int(counted.first { $0.architecture == .x86 && $0.name == .x87 }?.count ?? 0)
        }
        for level in image.elf?.x86ISANeeded ?? [] {
            for name in x86Levels[level] ?? [] {
                x86.insert(name)
                x86Dispatched.remove(name)
            }
        }
        var dispatch = profile.dispatch.any
        var arm64 = required(.arm64)
        var arm64Dispatched: Set<ISAExtension> = []
        if let flow = profile.arm64Flow {
            // Code no root reaches counts as required without any check in the binary: SVE in a
            // function of the binary's own table is code, not a literal pool.
            dispatch = flow.checks > 0 || (image.elf?.usesIFUNC ?? false)
            arm64 = []
            for use in counted where use.architecture == .arm64 && use.inFunctions > 0 {
                if use.required > 0 || arm64Baseline.contains(use.name) || (use.unknown > 0 && !dispatch) {
                    arm64.insert(use.name)
                } else {
                    arm64Dispatched.insert(use.name)
                }
            }
        } else if dispatch {
            arm64Dispatched = arm64.subtracting(arm64Baseline)
            arm64 = arm64.subtracting(arm64Dispatched)
        }
        facts[.isaX86] = names(x86)
        facts[.isaX86Dispatched] = names(x86Dispatched)
        facts[.isaX86Dispatch] = .bool(x86Dispatch)
        facts[.isaArm64] = names(arm64)
        facts[.isaArm64Dispatched] = names(arm64Dispatched)
        facts[.isaArm64Dispatch] = .bool(dispatch)
        return facts
    }

    /// x86 extensions by standing, from the flow analysis.
    ///
    /// - required: reached from a root without a feature check, plus (when the code as a whole
    ///   was compiled for `x86-64-v3`/`-v4`) every extension of that level found anywhere, and the
    ///   baseline wherever it was found;
    /// - dispatched: found only behind checks, dispatch tables or IFUNC resolvers; in a binary that
    ///   has real checks, also code no root reaches (it is most likely a dispatch target);
    /// - unknown: code no root reaches, in a binary without any check (rules rate it with medium
    ///   confidence);
    /// - sweep-only: found only by the linear sweep outside the code the flow reached (evidence).
    static func flowSplit(_ uses: [ISAExtensionUse], flow: ISAFlowReport, image: BinaryImage) -> (
        required: Set<ISAExtension>, dispatched: Set<ISAExtension>, unknown: Set<ISAExtension>,
        sweepOnly: Set<ISAExtension>, dispatch: Bool
    ) {
        let dispatch = flow.checks > 0 || (image.elf?.usesIFUNC ?? false)
        var required: Set<ISAExtension> = []
        var dispatched: Set<ISAExtension> = []
        var unknown: Set<ISAExtension> = []
        var sweepOnly: Set<ISAExtension> = []
        var level: Set<ISAExtension> = []
        if let compiledFor = flow.compiledFor {
            level.formUnion(x86Levels["x86-64-v3"] ?? [])
            if compiledFor == "x86-64-v4" { level.formUnion(x86Levels["x86-64-v4"] ?? []) }
        }
        for use in uses {
            if use.inFunctions == 0 {
                sweepOnly.insert(use.name)
            } else if use.required > 0 || x86Baseline.contains(use.name) || level.contains(use.name) {
                required.insert(use.name)
            } else if use.dispatched > 0 || (use.unknown > 0 && dispatch) {
                dispatched.insert(use.name)
            } else {
                unknown.insert(use.name)
            }
        }
        return (required, dispatched, unknown, sweepOnly, dispatch)
    }
}
