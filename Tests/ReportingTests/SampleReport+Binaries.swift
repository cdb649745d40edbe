import BinaryFormats
import InstructionSets
import Readiness
import Scanning

/// The binaries and applications of `SampleReport`.
extension SampleReport {
    static func binary(
        _ path: String, _ sha: String, app: String, format: BinaryFormat = .pe, machine: UInt32?,
        machineName: String?, execution: Execution, kind: BinaryKind?, bits: Int? = 64,
        verdict: Verdict, reason: String? = nil, warnings: [ReadWarning] = [], findings: [Finding],
        details: BinaryDetails? = nil, isa: ISAProfile? = nil, baseline: BaselineStatus? = .unchanged,
        lossy: Bool = false
    ) -> BinaryResult {
        BinaryResult(
            path: path, pathIsLossy: lossy, sha256: hash(sha), size: 4096, application: app, format: format,
            machine: machine, machineName: machineName, execution: execution, kind: kind, bits: bits,
            verdict: verdict, reason: reason, warnings: warnings, findings: findings, details: details, isa: isa,
            baselineStatus: baseline
        )
    }

    static func sampleBinaries() -> [BinaryResult] {
        let arm64Native = finding(
            "pe-arm64-native", "Arm64 image", .native, "An Arm64 image: it runs natively.",
            remediation: "Nothing to do."
        )
        return [
            binary(
                "Broken/broken.dll", "b0", app: "Broken", machine: nil, machineName: nil, execution: .other,
                kind: nil, bits: nil, verdict: .unknown,
                reason: "e_lfanew points past end of file (0x1f000 > 0x400)", findings: []
            ),
            binary(
                "CleanApp/CleanApp.exe", "c1", app: "CleanApp", machine: 0xAA64, machineName: "ARM64",
                execution: .arm64, kind: .executable, verdict: .native, findings: [arm64Native],
                details: BinaryDetails(subsystem: "windows-gui", imports: ["kernel32.dll", "user32.dll"])
            ),
            binary(
                "CleanApp/libfoo.so", "c2", app: "CleanApp", format: .elf, machine: 183, machineName: "AArch64",
                execution: .arm64, kind: .library, verdict: .native,
                findings: [
                    finding(
                        "elf-aarch64-native", "AArch64 ELF", .native, "An AArch64 ELF object: native code.",
                        remediation: "Nothing to do."
                    )
                ]
            ),
            binary(
                "PhotoEditor/PhotoEditor.exe", "a1", app: "PhotoEditor", machine: 0x8664, machineName: "AMD64",
                execution: .x64, kind: .executable, verdict: .emulated,
                warnings: [
                    ReadWarning(.delayImports, "delay-load import directory RVA 0xffffffff is not backed by file data")
                ],
                findings: [x64Emulated]
            ),
            binary(
                "PhotoEditor/drivers/filter.sys", "d5", app: "PhotoEditor", machine: 0x8664, machineName: "AMD64",
                execution: .x64, kind: .driver, verdict: .blocked,
                findings: [
                    finding(
                        "driver-not-arm64-blocked", "Kernel driver not built for Arm64", .blocked,
                        "An x64 kernel driver: Windows on Arm does not emulate kernel-mode code.",
                        remediation: "Get an Arm64 build of the driver from its vendor."
                    )
                ],
                details: BinaryDetails(subsystem: "native", imports: ["ntoskrnl.exe"])
            ),
            binary(
                "PhotoEditor/filters/avx512.dll", "a5", app: "PhotoEditor", machine: 0x8664, machineName: "AMD64",
                execution: .x64, kind: .library, verdict: .blocked,
                findings: [
                    finding(
                        "x86-avx512-required", "AVX-512 without a runtime check", .blocked,
                        "The code uses AVX-512 (avx512bw, avx512f) with no CPUID check; Prism does not emulate AVX-512.",
                        remediation: "Guard the AVX-512 paths with a CPUID check, or build for Arm64.",
                        confidence: .medium
                    ),
                    x64Emulated,
                ],
                isa: avx512Profile(), baseline: .worse
            ),
            binary(
                "PhotoEditor/plugins/legacy.dll", "a6", app: "PhotoEditor", machine: 0x8664, machineName: "AMD64",
                execution: .x64, kind: .library, verdict: .emulated,
                findings: [
                    finding(
                        "x64-plugin-arm64-host", "x64 plug-in for an Arm64 host", .atRisk,
                        "An x64 in-process plug-in: an Arm64 host cannot load it.",
                        remediation: "Ship an Arm64X or Arm64EC build of the plug-in.",
                        suppression: AppliedSuppression(
                            reason: "Loaded only by the x64 host until the Arm64 port ships", expires: "2027-06-30")
                    ),
                    x64Emulated,
                ]
            ),
            binary(
                scriptPath, "e7", app: "Tools", machine: 0xAA64, machineName: "ARM64", execution: .arm64,
                kind: .executable, verdict: .native, findings: [arm64Native], baseline: .new
            ),
            binary(
                lossyPath, "e8", app: "Tools", machine: 0x8664, machineName: "AMD64", execution: .x64,
                kind: .executable, verdict: .emulated, findings: [x64Emulated], lossy: true
            ),
            binary(
                "Viewer/Viewer.exe", "f1", app: "Viewer", machine: 0xAA64, machineName: "ARM64",
                execution: .arm64x, kind: .executable, verdict: .native,
                findings: [
                    finding(
                        "pe-arm64x", "Arm64X hybrid image", .native,
                        "An Arm64X image: native Arm64 code with an x64-compatible view.",
                        remediation: "Nothing to do."
                    )
                ],
                details: BinaryDetails(hybridKind: "arm64x", nativeCodeShare: 0.875), baseline: .improved
            ),
            binary(
                "Viewer/codec.dll", "f2", app: "Viewer", machine: 0x8664, machineName: "AMD64",
                execution: .arm64ec, kind: .library, verdict: .native,
                findings: [
                    finding(
                        "pe-arm64ec", "Arm64EC image", .native,
                        "An Arm64EC image: 62.5% of its code is Arm64EC, the rest x64 under emulation.",
                        remediation: "Nothing to do."
                    )
                ],
                details: BinaryDetails(hybridKind: "arm64ec", nativeCodeShare: 0.625)
            ),
            binary(
                "Viewer/helper32.exe", "f3", app: "Viewer", machine: 0x14C, machineName: "I386", execution: .x86,
                kind: .executable, bits: 32, verdict: .atRisk,
                findings: [
                    finding(
                        "x86-isa-not-emulated", "x86 code needs an extension Prism lacks for x86", .atRisk,
                        "The x86 code uses AVX2, which Prism exposes to x86 processes only when opted in.",
                        remediation: "Build the helper for Arm64 or x64.", confidence: .medium
                    )
                ]
            ),
        ]
    }

    static func avx512Profile() -> ISAProfile {
        var dispatch = DispatchEvidence()
        dispatch.xgetbv = true
        return ISAProfile(
            findings: [
                ISAExtensionUse(
                    architecture: .x86, name: "avx2", hint: false, count: 40, inFunctions: 40, inLinearSweep: 0,
                    examples: [ISAExample(address: 0x1200, function: "blur_avx2")]
                ),
                ISAExtensionUse(
                    architecture: .x86, name: "avx512bw", hint: false, count: 3, inFunctions: 3, inLinearSweep: 0,
                    examples: [ISAExample(address: 0x1a40, function: "blur_avx512")]
                ),
                ISAExtensionUse(
                    architecture: .x86, name: "avx512f", hint: false, count: 12, inFunctions: 10, inLinearSweep: 2,
                    examples: [
                        ISAExample(address: 0x1a48, function: "blur_avx512"),
                        ISAExample(address: 0x3f00, function: nil),
                    ]
                ),
                ISAExtensionUse(
                    architecture: .x86, name: "endbr", hint: true, count: 5, inFunctions: 5, inLinearSweep: 0,
                    examples: [ISAExample(address: 0x1000, function: "DllMain")]
                ),
            ],
            dispatch: dispatch, method: "pdata", bytesDecoded: 65536, byteCap: 268_435_456
        )
    }

    static func sampleApplications() -> [ApplicationResult] {
        [
            ApplicationResult(
                id: "Broken", name: "Broken", verdict: .unknown, executables: [], binaries: ["Broken/broken.dll"],
                reasons: [
                    ApplicationReason(
                        verdict: .unknown, binary: "Broken/broken.dll", rule: "unanalysable",
                        message: "e_lfanew points past end of file (0x1f000 > 0x400)")
                ]
            ),
            ApplicationResult(
                id: "CleanApp", name: "CleanApp", verdict: .native, executables: ["CleanApp/CleanApp.exe"],
                binaries: ["CleanApp/CleanApp.exe", "CleanApp/libfoo.so"], reasons: []
            ),
            ApplicationResult(
                id: "PhotoEditor", name: "PhotoEditor", verdict: .blocked, executables: ["PhotoEditor/PhotoEditor.exe"],
                binaries: [
                    "PhotoEditor/PhotoEditor.exe", "PhotoEditor/drivers/filter.sys", "PhotoEditor/filters/avx512.dll",
                    "PhotoEditor/plugins/legacy.dll",
                ],
                reasons: [
                    ApplicationReason(
                        verdict: .blocked, binary: "PhotoEditor/drivers/filter.sys", rule: "driver-not-arm64-blocked",
                        message: "An x64 kernel driver: Windows on Arm does not emulate kernel-mode code."),
                    ApplicationReason(
                        verdict: .blocked, binary: "PhotoEditor/filters/avx512.dll", rule: "x86-avx512-required",
                        message:
                            "The code uses AVX-512 (avx512bw, avx512f) with no CPUID check; Prism does not emulate AVX-512."
                    ),
                ]
            ),
            ApplicationResult(
                id: "Tools", name: "Tools", verdict: .emulated, executables: [scriptPath, lossyPath],
                binaries: [scriptPath, lossyPath],
                reasons: [
                    ApplicationReason(
                        verdict: .emulated, binary: lossyPath, rule: "pe-x64-emulated",
                        message: "An x64 (AMD64) image: it runs through Prism emulation.")
                ]
            ),
            ApplicationResult(
                id: "Viewer", name: "Viewer", verdict: .atRisk,
                executables: ["Viewer/Viewer.exe", "Viewer/helper32.exe"],
                binaries: ["Viewer/Viewer.exe", "Viewer/codec.dll", "Viewer/helper32.exe"],
                reasons: [
                    ApplicationReason(
                        verdict: .atRisk, binary: "Viewer/helper32.exe", rule: "x86-isa-not-emulated",
                        message: "The x86 code uses AVX2, which Prism exposes to x86 processes only when opted in."),
                    ApplicationReason(
                        verdict: .atRisk, binary: "Viewer/Viewer.exe", rule: "host-loads-x86-helper",
                        message:
                            "The Arm64 host starts an x86 helper <helper32.exe> that probes CPU features & may fail.",
                        dependency: "helper32.exe"),
                ]
            ),
        ]
    }
}
