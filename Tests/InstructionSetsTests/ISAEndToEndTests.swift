import BinaryFormats
import Foundation
import Testing

@testable import InstructionSets

/// The fixtures read through the real ELF reader: function ranges from the symbol table first,
/// then the sweep of the rest, compared with the independent decoders' totals.
@Suite("ISA end to end through BinaryReader")
struct ISAEndToEndTests {
    @Test(
        "reader-built layouts give the independent decoder's extension counts",
        arguments: ISAFixtureTests.fixtures.filter { $0.hasSuffix(".elf") })
    func readerLayout(name: String) throws {
        let expected = try #require(try ISAFixtures.expectations()[name])
        let path = ISAFixtures.directory.appendingPathComponent(name).path
        guard case .image(let image) = BinaryReader.read(path: path) else {
            Issue.record("\(name) was not read as an image")
            return
        }
        let file = try MappedFile(path: path)
        let profile = withExtendedLifetime(file) {
            ISAAnalyzer.profile(image: image, bytes: file.bytes, options: ISAFixtures.sweepOnly)
        }
        #expect(profile.method == "symbols+linear-sweep")
        if expected.arch == "arm64" {
            #expect(profile.arm64.merging(profile.arm64Unconfirmed, uniquingKeysWith: +) == expected.arm64)
            #expect(profile.arm64Hints == expected.hints)
        } else {
            for ext in ISAFixtureTests.x86Compared {
                #expect(profile.x86[ext] == expected.x86[ext], "\(name): \(ext)")
            }
            #expect(profile.x86Hints == expected.hints)
        }
        // Every example in a function range is named after its function.
        for finding in profile.findings where finding.inFunctions == finding.count {
            #expect(finding.examples.allSatisfy { $0.function != nil }, "\(name): \(finding.name)")
        }
    }

    @Test("PE: .pdata ranges then sweep; AVX-512 behind IsProcessorFeaturePresent")
    func peDispatch() throws {
        let name = "x64-pe-dispatch.dll"
        let expected = try #require(try ISAFixtures.expectations()[name])
        let path = ISAFixtures.directory.appendingPathComponent(name).path
        guard case .image(let image) = BinaryReader.read(path: path) else {
            Issue.record("\(name) was not read as an image")
            return
        }
        let file = try MappedFile(path: path)
        let profile = withExtendedLifetime(file) {
            ISAAnalyzer.profile(image: image, bytes: file.bytes, options: ISAFixtures.sweepOnly)
        }
        #expect(profile.method == "pdata+linear-sweep")
        #expect(profile.dispatch.isProcessorFeaturePresent)
        for ext in ISAFixtureTests.x86Compared {
            #expect(profile.x86[ext] == expected.x86[ext], "\(ext)")
        }
        #expect(profile.x86["avx512f", default: 0] > 0)
        // The AVX-512 kernel is a leaf function without a .pdata entry: only the sweep sees it.
        let avx512 = try #require(profile.findings.first { $0.name == "avx512f" })
        #expect(avx512.inLinearSweep == avx512.count)
    }

    @Test("the Armv9 fixture's SVE2 instructions are found inside the named functions")
    func namedExamples() throws {
        let path = ISAFixtures.directory.appendingPathComponent("arm64-features.elf").path
        guard case .image(let image) = BinaryReader.read(path: path) else {
            Issue.record("not read")
            return
        }
        let file = try MappedFile(path: path)
        let profile = withExtendedLifetime(file) {
            ISAAnalyzer.profile(image: image, bytes: file.bytes, options: ISAFixtures.sweepOnly)
        }
        let sve2 = try #require(profile.findings.first { $0.name == "sve2" })
        #expect(Set(sve2.examples.compactMap(\.function)) == ["use_sve2", "use_sve2_long", "use_sve2_match"])
        #expect(sve2.inFunctions == sve2.count)
    }
}
