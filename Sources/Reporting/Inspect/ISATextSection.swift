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
            if finding.unconfirmed {
                text += ", unconfirmed: none of the instructions real use needs, likely data in code"
            }
            if let example = finding.examples.first {
                text += ", e.g. at \(hex(example.address))"
                if let function = example.function { text += " in \(function)" }
            }
            lines.add("  \(finding.architecture.rawValue) \(finding.name.rawValue)", text)
        }
        let evidence = isa.dispatch.labels
        lines.add("dispatch", evidence.isEmpty ? "none found" : evidence.joined(separator: ", "))
    }
}
