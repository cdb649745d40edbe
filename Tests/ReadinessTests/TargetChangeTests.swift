import BinaryFormats
import Testing

@testable import Readiness

/// The same binary rates differently on different targets, only because the profiles differ.
@Suite struct TargetChangeTests {
    private func assess(_ facts: Facts, on target: String) throws -> Assessment {
        Evaluator.evaluate(facts: facts, rules: try RuleSet.load(), target: try TargetProfile.load(name: target))
    }

    /// An x64 PE whose code requires AVX2 and FMA outside any CPUID check.
    private let avx2x64 = Facts([
        "format": .string("pe"), "machine": .int(0x8664), "machine.hex": .string("0x8664"),
        "machine.name": .string("AMD64"), "execution": .string("x64"), "kind": .string("executable"),
        "hybrid.kind": .string("none"), "dotnet.present": .bool(false), "dotnet.ilonly": .bool(false),
        "pe.dll": .bool(false), "isa.x86": .set(["sse2", "avx", "avx2", "fma"]),
    ])

    /// An Arm64 PE whose code requires SVE2.
    private let sveArm64 = Facts([
        "format": .string("pe"), "machine": .int(0xAA64), "machine.hex": .string("0xAA64"),
        "machine.name": .string("ARM64"), "execution": .string("arm64"), "kind": .string("executable"),
        "hybrid.kind": .string("none"), "dotnet.present": .bool(false), "pe.dll": .bool(false),
        "isa.arm64": .set(["lse", "sve", "sve2"]),
    ])

    @Test func avx2x64IsEmulatedOnCopilotPlusPC() throws {
        let result = try assess(avx2x64, on: "copilot-plus-pc")
        #expect(result.verdict == .emulated)
        #expect(result.execution == .x64)
        #expect(result.findings.map(\.rule) == ["pe-x64-emulated", "x64-avx-emulated"])
    }

    @Test func avx2x64IsAtRiskBeforePrismAVX() throws {
        let result = try assess(avx2x64, on: "windows-arm64-23h2")
        #expect(result.verdict == .atRisk)
        #expect(result.execution == .x64)
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "x64-isa-not-emulated")
        #expect(finding.message.hasPrefix("The x64 code uses avx, avx2, fma outside any CPUID check"))
        #expect(finding.message.contains("Prism on windows-arm64-23h2"))
    }

    @Test func avx512x64IsBlockedEverywhere() throws {
        var facts = avx2x64
        facts["isa.x86"] = .set(["avx2", "avx512f"])
        for target in ["copilot-plus-pc", "windows-arm64-23h2", "snapdragon-x2"] {
            #expect(try assess(facts, on: target).verdict == .blocked)
        }
    }

    @Test func sveArm64IsBlockedOnCopilotPlusPC() throws {
        let result = try assess(sveArm64, on: "copilot-plus-pc")
        #expect(result.verdict == .blocked)
        #expect(result.execution == .arm64)
        #expect(result.findings.first?.rule == "arm64-sve-sme-required")
        #expect(result.findings.first?.message.hasPrefix("The Arm64 code uses sve, sve2 without") == true)
    }

    @Test func sveArm64IsNativeOnSnapdragonX2() throws {
        let result = try assess(sveArm64, on: "snapdragon-x2")
        #expect(result.verdict == .native)
        #expect(result.findings.map(\.rule) == ["pe-arm64-native"])
    }
}
