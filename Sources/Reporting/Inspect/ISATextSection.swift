import BinaryFormats
import InstructionSets

/// The instruction-set part of `inspect --isa`'s text output: one line per extension with its
/// count, where it was found, and the first example location.
enum ISATextSection {
    static func describe(_ isa: ISAProfile, into lines: inout TextBlock) {
        var summary = "\(isa.bytesDecoded) bytes decoded by \(isa.method)"
        if isa.capReached { summary += ", stopped at the cap of \(isa.byteCap) bytes" }
        lines.add("isa", summary)
        for finding in isa.findings {
            var text = "\(finding.count)"
            if isa.flow != nil {
                let parts = [
                    (finding.required, "required"), (finding.dispatched, "dispatched"), (finding.unknown, "unknown"),
                    (finding.inLinearSweep, "sweep only"),
                ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
                if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
            } else if finding.inLinearSweep > 0 {
                text += " (\(finding.inLinearSweep) by linear sweep)"
            }
            if finding.hint { text += ", hint space: runs anywhere" }
            if finding.unconfirmed {
                text += ", unconfirmed: none of the instructions real use needs, likely data in code"
            }
            if let example = finding.examples.first {
                text += ", e.g. " + describe(example)
            }
            lines.add("  \(finding.architecture.rawValue) \(finding.name.rawValue)", text)
        }
        let evidence = isa.dispatch.labels
        lines.add("dispatch", evidence.isEmpty ? "none found" : evidence.joined(separator: ", "))
        if let flow = isa.flow { describe(flow, into: &lines) }
    }

    /// `at 0x1040 in ShadeRow, reached from mainCRTStartup without a feature check`.
    static func describe(_ example: ISAExample) -> String {
        var text = "at \(hex(example.address))"
        if let function = example.function { text += " in \(function)" }
        switch example.standing {
        case .required?:
            text +=
                example.reachedFrom.map { ", reached from \($0) without a feature check" }
                ?? ", reached without a feature check"
        case .dispatched?:
            if let check = example.check {
                text += ", behind the check of \(check.tests) at \(hex(check.address))"
                if let function = check.function { text += " in \(function)" }
            } else if let from = example.reachedFrom {
                text += ", whose address \(from) takes after a feature check"
            }
        case .unknown?: text += ", reached from no entry point or export"
        case nil: text += ", found only by the linear sweep"
        }
        return text
    }

    private static func describe(_ flow: ISAFlowReport, into lines: inout TextBlock) {
        lines.add(
            "flow",
            "\(flow.functions) functions: \(flow.requiredFunctions) required, \(flow.dispatchedFunctions) dispatched, "
                + "\(flow.unreachedFunctions) reached from no root; \(flow.checks) feature checks, "
                + "\(flow.unconsumedProbes) CPUID results nothing branches on")
        for check in flow.checkExamples.prefix(3) {
            var text = "\(check.tests) at \(hex(check.address))"
            if let function = check.function { text += " in \(function)" }
            lines.add("  check", text)
        }
        let share = Int((flow.compiledForShare * 100).rounded())
        lines.add(
            "compiled for",
            (flow.compiledFor ?? "baseline")
                + " (\(share)% of \(flow.measuredFunctions) functions show x86-64-v3 code, "
                + "\(flow.legacySIMDFunctions) keep SSE-encoded FP/SIMD)"
        )
    }
}
