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
            if finding.inLinearSweep > 0 { text += " (\(finding.inLinearSweep) by linear sweep)" }
            if finding.hint { text += ", hint space: runs anywhere" }
            if finding.unconfirmed { text += ", unconfirmed: none of the instructions real use needs, likely data in code" }
            if let example = finding.examples.first {
                text += ", e.g. at \(hex(example.address))"
                if let function = example.function { text += " in \(function)" }
            }
            lines.add("  \(finding.architecture) \(finding.name)", text)
        }
        let evidence = dispatchEvidence(isa.dispatch)
        lines.add("dispatch", evidence.isEmpty ? "none found" : evidence.joined(separator: ", "))
    }

    private static func dispatchEvidence(_ dispatch: DispatchEvidence) -> [String] {
        var names: [String] = []
        if dispatch.cpuid { names.append("CPUID") }
        if dispatch.xgetbv { names.append("XGETBV") }
        if dispatch.isProcessorFeaturePresent { names.append("IsProcessorFeaturePresent") }
        if dispatch.getauxval { names.append("getauxval") }
        if dispatch.cpuFeatureHelpers { names.append("CPU feature helpers") }
        if dispatch.ifunc { names.append("IFUNC") }
        if dispatch.idRegisterRead { names.append("ID register reads") }
        if dispatch.outlineAtomics { names.append("outline atomics") }
        return names
    }
}
