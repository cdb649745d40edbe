import Foundation
import Testing

@testable import InstructionSets

/// `ISAProfile` stores only its extension uses; the JSON still carries the per-architecture
/// dictionaries the contract documents, and reads back to the same profile.
@Suite struct ISAProfileCodingTests {
    private func use(
        _ architecture: ISAExtension.Architecture, _ name: ISAExtension, count: Int, hint: Bool = false,
        unconfirmed: Bool = false
    )
        -> ISAExtensionUse
    {
        var use = ISAExtensionUse(
            architecture: architecture, name: name, hint: hint, count: count, inFunctions: count, inLinearSweep: 0,
            examples: [ISAExample(address: 0x1000, function: nil)])
        use.unconfirmed = unconfirmed
        return use
    }

    private var profile: ISAProfile {
        ISAProfile(findings: [
            use(.x86, .avx2, count: 4), use(.x86, .endbr, count: 2, hint: true),
            use(.arm64, .lse, count: 3), use(.arm64, .sve, count: 1, unconfirmed: true),
            use(.arm64, .pac, count: 5, hint: true),
        ])
    }

    @Test func dictionariesAreDerivedFromTheUses() {
        #expect(profile.x86 == ["avx2": 4])
        #expect(profile.x86Hints == ["endbr": 2])
        #expect(profile.arm64 == ["lse": 3])
        #expect(profile.arm64Unconfirmed == ["sve": 1])
        #expect(profile.arm64Hints == ["pac": 5])
    }

    @Test func jsonCarriesTheDictionariesAndRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(profile)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            object.keys.sorted() == [
                "arm64", "arm64Hints", "arm64Unconfirmed", "byteCap", "bytesDecoded", "capReached", "decodeFailures",
                "dispatch", "findings", "method", "skippedFunctions", "x86", "x86Hints",
            ])
        #expect(object["x86"] as? [String: Int] == ["avx2": 4])
        #expect(object["arm64Unconfirmed"] as? [String: Int] == ["sve": 1])
        let first = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(first["architecture"] as? String == "x86" && first["name"] as? String == "avx2")
        #expect(String(decoding: data, as: UTF8.self).contains(#""function":null"#))
        #expect(try JSONDecoder().decode(ISAProfile.self, from: data) == profile)
    }

    @Test func dispatchLabelsFollowTheEvidence() {
        var dispatch = DispatchEvidence()
        #expect(dispatch.labels.isEmpty)
        dispatch.cpuid = true
        dispatch.ifunc = true
        dispatch.outlineAtomics = true
        #expect(dispatch.labels == ["CPUID", "IFUNC", "outline atomics"])
    }
}
