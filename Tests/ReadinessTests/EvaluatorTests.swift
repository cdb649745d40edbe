import BinaryFormats
import Testing

@testable import Readiness

/// The evaluator's verdict combination and the operator semantics documented in Rules/README.md.
@Suite struct EvaluatorTests {
    private let target = TargetProfile(
        name: "t", description: "test",
        facts: Facts(["target.name": .string("t"), "target.x64_emulated_isa": .list(["sse2", "avx2"])]),
        source: "test")

    private func test(_ fact: String, _ op: Operator, _ operand: Operand, _ facts: Facts) -> Bool {
        Condition.test(FactTest(fact: fact, op: op, operand: operand)).holds(for: facts)
    }

    @Test func operatorSemantics() {
        let facts = Evaluator.completeFacts(
            Facts([
                "machine": .int(0x8664), "isa.x86": .list(["avx2", "sse2"]),
                "elf.interpreter": .string("/lib/ld-linux.so.2"),
            ]),
            on: target)
        #expect(test("machine", .equals, .value(.double(34404)), facts))
        #expect(test("machine", .in, .values([.int(0x14C), .int(0x8664)]), facts))
        #expect(!test("machine", .notEquals, .value(.int(0x8664)), facts))
        #expect(test("isa.x86", .contains, .value(.string("avx2")), facts))
        #expect(test("elf.interpreter", .contains, .value(.string("ld-linux")), facts))
        #expect(test("isa.x86", .anyOf, .values([.string("avx2"), .string("fma")]), facts))
        #expect(!test("isa.x86", .noneOf, .values([.string("avx2")]), facts))
        #expect(test("isa.x86", .subsetOf, .reference("target.x64_emulated_isa"), facts))
        #expect(test("machine", .gt, .value(.int(0x14C)), facts))
        #expect(!test("machine", .lte, .value(.int(0x14C)), facts))
        // Absent facts: every test is false except exists: false.
        #expect(!test("bits", .equals, .value(.int(64)), facts))
        #expect(!test("bits", .notEquals, .value(.int(64)), facts))
        #expect(test("bits", .exists, .value(.bool(false)), facts))
        #expect(Condition.not(.test(FactTest(fact: "bits", op: .equals, operand: .value(.int(64))))).holds(for: facts))
        #expect(facts["isa.x86.missing_x64"] == nil)
    }

    @Test func noRuleFiringIsUnknownWithReason() {
        let facts = Facts(["format": .string("pe"), "machine": .int(0x8664), "execution": .string("x64")])
        let result = Evaluator.evaluate(facts: facts, rules: RuleSet(rules: []), target: target)
        #expect(result.verdict == .unknown)
        #expect(result.reason == "no rule decided: no active rule matched this binary's facts")
        #expect(result.execution == .x64)
    }

    @Test func worstVerdictWinsAndExecutionComesFromTheDecidingRule() throws {
        let rules = try RuleSet.load()
        let facts = Facts([
            "format": .string("pe"), "machine": .int(0x8664), "machine.hex": .string("0x8664"),
            "machine.name": .string("AMD64"), "execution": .string("x64"), "kind": .string("driver"),
            "subsystem": .int(1), "imports": .list(["ntoskrnl.exe"]), "hybrid.kind": .string("none"),
            "dotnet.present": .bool(false), "pe.wdm": .bool(true), "pe.dll": .bool(false),
        ])
        let result = Evaluator.evaluate(facts: facts, rules: rules, target: try TargetProfile.load())
        #expect(result.verdict == .blocked)
        #expect(result.findings.map(\.rule) == ["driver-not-arm64-blocked"])
        #expect(result.findings.first?.message.hasPrefix("A kernel driver for machine 0x8664 (AMD64).") == true)
        #expect(result.execution == .x64)
    }

    @Test func dotnetAnyCPUExecutableRunsAsX64() throws {
        let facts = Facts([
            "format": .string("pe"), "machine": .int(0x14C), "execution": .string("neutral"), "kind": .string("dotnet"),
            "hybrid.kind": .string("none"), "pe.dll": .bool(false), "dotnet.present": .bool(true),
            "dotnet.ilonly": .bool(true), "dotnet.requires32bit": .bool(false),
            "manifest.supported_architectures": .list([]),
        ])
        let result = Evaluator.evaluate(facts: facts, rules: try RuleSet.load(), target: try TargetProfile.load())
        #expect(result.verdict == .emulated)
        #expect(result.execution == .x64)
        #expect(result.findings.map(\.rule) == ["dotnet-anycpu-exe-x64"])
    }

    @Test func verdictOrdering() {
        #expect(Verdict.worst(.native, .blocked) == .blocked)
        #expect(Verdict.worst(.atRisk, .emulated) == .atRisk)
        #expect(Verdict.worst(.unknown, .native) == .native)
    }
}
