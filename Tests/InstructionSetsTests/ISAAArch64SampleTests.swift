import Foundation
import Testing

@testable import InstructionSets

/// The AArch64 table against `Tests/Fixtures/isa/arm64-words.json`: random words that
/// llvm-objdump decodes, labelled by `expect.py` from their mnemonics and operands.
@Suite("ISA AArch64 classifier against llvm-objdump")
struct ISAAArch64SampleTests {
    struct Sample: Decodable {
        var word: String
        var text: String
    }

    static let samples: [String: [Sample]] = {
        let url = ISAFixtures.directory.appendingPathComponent("arm64-words.json")
        guard let data = try? Data(contentsOf: url) else { return [:] }
        return (try? JSONDecoder().decode([String: [Sample]].self, from: data)) ?? [:]
    }()
    static let sveFamily: Set<String> = ["sve", "sve2", "sme"]

    static func classify(_ sample: Sample) -> String {
        guard let word = UInt32(sample.word, radix: 16) else { return "unparsable" }
        return AArch64Classifier.shared.classify(word).map { AArch64Encodings.names[$0].rawValue } ?? "base"
    }

    @Test("every sampled label exists and the file is not empty")
    func loaded() {
        #expect(Self.samples["base", default: []].count == 300)
        #expect(Self.samples.keys.filter { $0 != "base" }.count >= 15)
    }

    @Test("outside the SVE/SME space every sampled word gets llvm-objdump's extension")
    func exact() {
        for (label, samples) in Self.samples where !Self.sveFamily.contains(label) {
            for sample in samples {
                #expect(Self.classify(sample) == label, "\(sample.word) \(sample.text)")
            }
        }
    }

    /// SVE2.1 and SME2 added instructions in all three encoding spaces; armready attributes them
    /// by encoding class and llvm-objdump's text by mnemonic, so the three may trade a few words.
    /// The family must always agree, and the exact name for at least 90 % of the words.
    @Test("SVE, SVE2 and SME words stay in the family and mostly agree exactly")
    func sveFamily() {
        var exact = 0
        var total = 0
        for label in Self.sveFamily {
            for sample in Self.samples[label, default: []] {
                let ours = Self.classify(sample)
                #expect(Self.sveFamily.contains(ours), "\(sample.word) \(sample.text) -> \(ours)")
                if ours == label { exact += 1 }
                total += 1
            }
        }
        #expect(total > 0 && exact * 10 >= total * 9, "\(exact) of \(total) exact")
    }
}
