import Testing
@testable import BinaryFormats

/// Reads every committed PE fixture and compares it with pefile/dnfile/LIEF's view of it.
@Suite("PE fixtures against pefile and LIEF")
struct PEFixtureTests {
    static let expectations = (try? PEFixtureExpectation.loadAll()) ?? [:]
    static let paths = expectations.keys.sorted()

    @Test func expectationsAreThere() throws {
        #expect(try PEFixtureExpectation.loadAll().count >= 20)
    }

    @Test(arguments: paths)
    func headersAndDirectories(path: String) throws {
        let expected = try #require(Self.expectations[path])
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path(path)) else {
            Issue.record("\(path) did not read")
            return
        }
        #expect(image.format == .pe)
        #expect(image.machine == UInt32(expected.machine))
        let pe = try #require(image.pe)
        #expect(pe.isPE32Plus == (expected.magic == "PE32+"))
        #expect(pe.characteristics == expected.characteristics)
        #expect(pe.dllCharacteristics == expected.dllCharacteristics)
        #expect(pe.subsystem == expected.subsystem)
        #expect(pe.isDLL == expected.isDLL)
        #expect(pe.sections.map(\.name) == expected.sections.map(\.name))
        #expect(pe.sections.map(\.characteristics) == expected.sections.map(\.characteristics))

        let imports = pe.importDetails.filter { !$0.delayLoad }
        #expect(imports.map(\.dll) == expected.imports.map { $0.dll.lowercased() })
        #expect(imports.map(\.functions) == expected.imports.map(\.functions))
        let delayed = pe.importDetails.filter(\.delayLoad)
        #expect(delayed.map(\.dll) == expected.delayImports.map { $0.dll.lowercased() })
        #expect(delayed.map(\.functions) == expected.delayImports.map(\.functions))

        let exports = (pe.exports?.entries ?? []).sorted { $0.ordinal < $1.ordinal }
        let expectedExports = expected.exports.sorted { $0.ordinal < $1.ordinal }
        #expect(exports.map(\.ordinal) == expectedExports.map(\.ordinal))
        #expect(exports.map(\.name) == expectedExports.map(\.name))
        #expect(exports.map(\.forwarder) == expectedExports.map(\.forwarder))

        #expect(pe.loadConfigSize == expected.loadConfigSize)
        #expect(pe.pdbPath == expected.debug.first { $0.type == 2 }?.pdbPath)
    }

    @Test(arguments: paths)
    func hybridMetadata(path: String) throws {
        let expected = try #require(Self.expectations[path])
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path(path)), let pe = image.pe else {
            Issue.record("\(path) did not read")
            return
        }
        #expect(pe.hasCHPEMetadata == ((expected.chpeMetadataPointer ?? 0) != 0))
        #expect((image.execution == .arm64ec) == expected.lief.isArm64EC)
        #expect((image.execution == .arm64x) == expected.lief.isArm64X)
        #expect(pe.hasARM64XRelocations == expected.lief.dynamicRelocations.contains { $0.symbol == 6 })
        let lifted = (expected.lief.chpe?.codeRanges ?? []).map { range in
            ArchitectureRange(
                start: range.start, size: range.end - range.start, architecture: Self.codeType(range.type))
        }
        if let count = expected.lief.chpe?.codeRangeCount, expected.lief.chpe?.kind == "X86" {
            #expect(pe.hybrid?.codeMap.count == count)
        } else {
            #expect((pe.hybrid?.codeMap ?? []) == lifted)
        }
        if let version = expected.lief.chpe?.version {
            #expect(pe.hybrid?.version == version)
        }
        if image.machine == 0x8664 || image.machine == 0xAA64 {
            #expect(pe.exceptionFunctionCount == expected.lief.exceptionEntries)
        }
    }

    @Test(arguments: paths)
    func dotNetVersionAndManifest(path: String) throws {
        let expected = try #require(Self.expectations[path])
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path(path)), let pe = image.pe else {
            Issue.record("\(path) did not read")
            return
        }
        #expect(pe.clr?.flags == expected.clr?.flags)
        #expect(pe.clr?.runtimeVersion == expected.clr?.metadataVersion)
        #expect(
            pe.manifest?.supportedArchitectures
                == expected.manifestSupportedArchitectures?.split(separator: " ").map(String.init))
        let strings = expected.versionStrings ?? [:]
        #expect(pe.version?.productName == strings["ProductName"])
        #expect(pe.version?.companyName == strings["CompanyName"])
        #expect(pe.version?.fileVersion == strings["FileVersion"])
    }

    /// LIEF's code range type names (CHPEMetadataARM64 range_entry_t.TYPE; x86 CHPE ranges
    /// marked native are reported as ARM64).
    static func codeType(_ name: String) -> HybridCodeType {
        switch name {
        case "ARM64": .arm64
        case "ARM64EC": .arm64ec
        case "AMD64": .x64
        default: .x86
        }
    }
}
