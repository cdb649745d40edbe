// swift-tools-version: 6.1
// Coverage-guided fuzzing of armready's readers and loaders with libFuzzer. A package of its
// own so the normal build never compiles it: its module folders are links to ../Sources, so
// the fuzz targets see `package` declarations as the tests do. Build and run it with
// scripts/fuzz.sh (which passes -sanitize=fuzzer,address); see Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "armready-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CLibELF", pkgConfig: "libelf", providers: [.apt(["libelf-dev"])]),
        .systemLibrary(name: "CMSPack", pkgConfig: "libmspack", providers: [.apt(["libmspack-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZydis", providers: [.apt(["libzydis-dev"])]),
        .target(name: "CFaultGuard"),
        .target(name: "CMallocTuning"),
        .target(name: "BinaryFormats", dependencies: ["CFaultGuard", "CLibELF", "CLZMA", "CMSPack", "CZlib"]),
        .target(name: "InstructionSets", dependencies: ["BinaryFormats", "CMallocTuning", "CZydis"]),
        .target(name: "Readiness", dependencies: ["BinaryFormats", "InstructionSets", "Yams"]),
        .target(
            name: "Scanning",
            dependencies: [
                "BinaryFormats", "InstructionSets", "Readiness", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // No main: libFuzzer's runtime provides it and calls LLVMFuzzerTestOneInput.
        .executableTarget(
            name: "ArmreadyFuzz",
            dependencies: ["BinaryFormats", "InstructionSets", "Readiness", "Scanning"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
