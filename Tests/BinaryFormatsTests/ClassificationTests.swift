import Testing
@testable import BinaryFormats

/// `execution` and `kind` of every fixture, as windows-on-arm.md decides them: §2.1 (AMD64 or
/// ARM64 plus CHPE metadata is ARM64EC or ARM64X), §4.1 (a driver needs kernel imports or the
/// WDM flag, not just subsystem NATIVE), §6 (IL-only I386 without 32BITREQUIRED is AnyCPU),
/// §8 (ELF machines); and the ELF type and PT_INTERP for ELF kinds.
@Suite("Classification of fixtures")
struct ClassificationTests {
    static let cases: [(String, Execution, BinaryKind)] = [
        ("pe/arm64_app.exe", .arm64, .executable),
        ("pe/arm64_driver.sys", .arm64, .driver),
        ("pe/arm64_efi_app.efi", .arm64, .efi),
        ("pe/arm64_lib.dll", .arm64, .library),
        ("pe/arm64ec_lib.dll", .arm64ec, .library),
        ("pe/arm64x_forwarder.dll", .arm64x, .library),
        ("pe/arm64x_lib.dll", .arm64x, .library),
        ("pe/dos_mz_only.exe", .other, .dos),
        ("pe/ne_win16.exe", .other, .ne),
        ("pe/resource_only.dll", .x64, .resourceOnly),
        ("pe/x64_debug.exe", .x64, .executable),
        ("pe/x64_driver.sys", .x64, .driver),
        ("pe/x64_exports.dll", .x64, .library),
        ("pe/x64_gui.exe", .x64, .executable),
        ("pe/x64_native_app.exe", .x64, .executable),
        ("pe/x64_pdata.exe", .x64, .executable),
        ("pe/x64_versioned.exe", .x64, .executable),
        ("pe/x86_chpe.dll", .x86, .library),
        ("pe/x86_console.exe", .x86, .executable),
        ("dotnet/anycpu.exe", .neutral, .dotnet),
        ("dotnet/anycpu32bitpreferred.exe", .x86, .dotnet),
        ("dotnet/anycpu_arm64_manifest.exe", .neutral, .dotnet),
        ("dotnet/anycpu_lib.dll", .neutral, .dotnet),
        ("dotnet/x64.exe", .x64, .dotnet),
        ("dotnet/x86.exe", .x86, .dotnet),
        ("elf/aarch64_app", .arm64, .executable),
        ("elf/aarch64_bti_pac", .arm64, .executable),
        ("elf/aarch64_lib.so", .arm64, .library),
        ("elf/armhf_app", .arm32, .executable),
        ("elf/i386_app", .x86, .executable),
        ("elf/riscv64_app", .other, .executable),
        ("elf/x86_64_app", .x64, .executable),
        ("elf/x86_64_lib.so", .x64, .library),
        ("elf/x86_64_object.o", .x64, .object),
        ("elf/x86_64_stripped", .x64, .executable),
    ]

    @Test(arguments: cases)
    func executionAndKind(path: String, execution: Execution, kind: BinaryKind) {
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path(path)) else {
            Issue.record("\(path) did not read")
            return
        }
        #expect(image.execution == execution, "\(path)")
        #expect(image.kind == kind, "\(path)")
    }

    @Test func nativeCodeShareOfTheHybrids() throws {
        // From LIEF's code ranges in expected.json: arm64x_lib.dll has ARM64 0x1000–0x101c
        // (28 bytes), ARM64EC 0x2004–0x20b0 (172) and AMD64 0x3000–0x3030 (48).
        guard case let .image(image) = BinaryReader.read(path: FixturePaths.path("pe/arm64x_lib.dll")) else {
            Issue.record("did not read")
            return
        }
        let share = try #require(image.pe?.nativeCodeShare)
        #expect(abs(share - 200.0 / 248.0) < 1e-9)
    }
}
