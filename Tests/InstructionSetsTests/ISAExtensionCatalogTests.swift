import Foundation
import Testing

@testable import InstructionSets

/// The extension catalog covers every name the decoders can emit, and the names encode as the
/// plain lower-case strings of the JSON contracts.
@Suite struct ISAExtensionCatalogTests {
    @Test func everyZydisNameIsAKnownX86Extension() {
        let names = X86ScanTable.shared.names
        #expect(!names.isEmpty)
        let unknown = names.filter { !ISAExtension.known(.x86).contains($0) }
        #expect(unknown.isEmpty, "\(unknown)")
    }

    @Test func aarch64ClassifierNamesAreTheCatalogs() {
        #expect(AArch64Encodings.names == ISAExtension.decoded(.arm64))
        #expect(Set(AArch64Encodings.names).isSubset(of: ISAExtension.known(.arm64)))
    }

    @Test func hintSpaceIsPartOfTheCatalog() {
        for architecture in ISAExtension.Architecture.allCases {
            let hints = ISAExtension.hintSpace[architecture] ?? []
            #expect(hints.isSubset(of: ISAExtension.known(architecture)))
        }
        #expect(ISAExtension.endbr.isHint(on: .x86) && !ISAExtension.avx2.isHint(on: .x86))
        #expect(ISAExtension.pac.isHint(on: .arm64) && !ISAExtension.pac.isHint(on: .x86))
    }

    @Test func encodesAsThePlainName() throws {
        let encoded = try JSONEncoder().encode([ISAExtension.sse4_1, .amd3DNow])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["sse4.1","3dnow"]"#)
        #expect(try JSONDecoder().decode([ISAExtension].self, from: encoded) == [.sse4_1, .amd3DNow])
    }
}
