import Foundation
import Testing

@testable import BinaryFormats

/// The code layout of .NET images (issue 11): an IL-only image has no machine code but its
/// entry stub, and an image with native code (mixed-mode) keeps the CLI header, metadata and
/// IL method bodies out of what is decoded.
@Suite struct DotNetCodeLayoutTests {
    static let fixtures = [
        "anycpu.exe", "x86.exe", "x64.exe", "anycpu32bitpreferred.exe", "anycpu_lib.dll", "anycpu_arm64_manifest.exe",
    ]

    /// Every mcs fixture is IL-only (dnfile flags bit 0x1) and has an entry point (pefile
    /// `entryPoint`), where mcs writes the stub that jumps through the `_CorExeMain` /
    /// `_CorDllMain` import: `FF 25 imm32` (6 bytes) in PE32, and in the PE32+ `x64.exe`
    /// `48 A1 imm64` `FF E0` (capstone: `movabs rax, [0x402000]; jmp rax`, 12 bytes). The
    /// layout holds those bytes only.
    @Test(arguments: fixtures)
    func ilOnlyImagesHoldOnlyTheirEntryStub(name: String) throws {
        let path = "dotnet/\(name)"
        let expected = try #require(try PEFixtureExpectation.loadAll()[path])
        let raw =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("expected.json"))) as? [String: Any]
        let entry = try #require((raw?[path] as? [String: Any])?["entryPoint"] as? Int)
        #expect(try #require(expected.clr).flags & 1 == 1)
        guard case .image(let image) = BinaryReader.read(path: FixturePaths.path(path)) else {
            Issue.record("\(path) did not read")
            return
        }
        let code = image.code
        #expect(code.functions.isEmpty)
        #expect(code.dataRanges.isEmpty)
        let stub = try #require(code.sections.first)
        #expect(code.sections.count == 1)
        #expect(stub.address == UInt64(entry))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.path(path)))
        let opening = [bytes[stub.fileOffset], bytes[stub.fileOffset + 1]]
        if expected.machine == 0x8664 {
            #expect((12...16).contains(stub.fileSize), "\(stub.fileSize)")
            #expect(opening == [0x48, 0xA1])
        } else {
            #expect((6...16).contains(stub.fileSize), "\(stub.fileSize)")
            #expect(opening == [0xFF, 0x25])
        }
    }

    /// `anycpu.exe` with ILONLY cleared reads as mixed-mode: `.text` stays a code section, and
    /// the data ranges hold the CLI header (pefile: directory 14 at RVA 0x2008, 72 bytes; its
    /// Flags at file offset 0x208 + 16), the metadata (dnfile: MetaData RVA 0x206C, 664 bytes)
    /// and the one IL method body (dnfile: MethodDef row 1, RVA 0x2050, ImplFlags miIL).
    @Test func mixedModeImagesLeaveMetadataAndILOut() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("dotnet/anycpu.exe")))
        #expect(bytes[0x208 + 16] == 0x01)
        bytes[0x208 + 16] = 0x00
        let result = bytes.withUnsafeBytes { BinaryReader.read(bytes: $0) }
        guard case .image(let image) = result else {
            Issue.record("the patched image did not read")
            return
        }
        #expect(image.pe?.clr?.ilOnly == false)
        #expect(image.code.sections.map(\.name) == [".text"])
        let data = image.code.dataRanges
        #expect(data.contains(FunctionRange(start: 0x2008, size: 72)))
        #expect(data.contains(FunctionRange(start: 0x206C, size: 664)))
        let body = try #require(data.first { $0.start == 0x2050 })
        // The body ends before the metadata starts (ECMA-335 §II.25.4: bodies precede it here).
        #expect(body.size > 0 && body.start + body.size <= 0x206C)
    }

    /// `x64.exe` (PE32+, AMD64, ILONLY; pefile: `.text` at RVA 0x2000, VirtualSize 0x38A, raw
    /// data at 0x200 for 0x400 bytes, CLI header at RVA 0x2010 = file 0x210, entry 0x237E)
    /// given a READYTORUN header in the slack after `.text`'s virtual size, which is raised to
    /// 0x400 so the slack is mapped (section header at file 0x188, VirtualSize at +8): RVA 0x2390, one
    /// section {type 102 RuntimeFunctions, RVA 0x23B0, 12 bytes} holding one x64
    /// RUNTIME_FUNCTION {0x237E, 0x238A, 0}. The layout's functions are exactly that range and
    /// nothing else of `.text` is swept.
    @Test func readyToRunImagesDecodeTheirRuntimeFunctions() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.path("dotnet/x64.exe")))
        func put(_ value: UInt32, at offset: Int) {
            for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        let nativeHeaderField = 0x210 + 64
        #expect(bytes[nativeHeaderField..<nativeHeaderField + 8].allSatisfy { $0 == 0 })
        #expect(bytes[0x590..<0x5BC].allSatisfy { $0 == 0 })
        #expect(bytes[0x190] == 0x8A && bytes[0x191] == 0x03)
        put(0x400, at: 0x188 + 8)
        put(0x2390, at: nativeHeaderField)
        put(28, at: nativeHeaderField + 4)
        put(0x0052_5452, at: 0x590)  // "RTR"
        put(0x0009_0005, at: 0x594)  // major 5, minor 9 (not checked by the reader)
        put(1, at: 0x59C)  // NumberOfSections
        put(102, at: 0x5A0)
        put(0x23B0, at: 0x5A4)
        put(12, at: 0x5A8)
        put(0x237E, at: 0x5B0)
        put(0x238A, at: 0x5B4)
        let result = bytes.withUnsafeBytes { BinaryReader.read(bytes: $0) }
        guard case .image(let image) = result else {
            Issue.record("the patched image did not read")
            return
        }
        #expect(image.pe?.clr?.readyToRun == true)
        #expect(image.code.functions == [FunctionRange(start: 0x237E, size: 12)])
        #expect(image.code.functionSource == .readyToRun)
        #expect(image.code.sweepsOutsideFunctions == false)
        #expect(image.code.dataRanges.contains(FunctionRange(start: 0x2010, size: 72)))
    }
}
