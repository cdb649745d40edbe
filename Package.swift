// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "armready",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "armready", targets: ["armready"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibELF",
            pkgConfig: "libelf",
            providers: [.apt(["libelf-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Cabinet (CAB) decompression: MSZIP, LZX and Quantum (Debian libmspack0 at run time).
        .systemLibrary(
            name: "CMSPack",
            pkgConfig: "libmspack",
            providers: [.apt(["libmspack-dev"])]
        ),
        // The folders of 7z archives and 7-Zip self-extractors: liblzma's raw decoder (LZMA, LZMA2
        // and the branch filters, ARM64 included; Debian liblzma5 at run time). The 7z header is
        // read by armready's own bounded parser.
        .systemLibrary(
            name: "CLZMA",
            pkgConfig: "liblzma",
            providers: [.apt(["liblzma-dev"])]
        ),
        .systemLibrary(
            name: "CZydis",
            providers: [.apt(["libzydis-dev"])]
        ),
        // The SIGBUS guard for file mappings: a signal handler, so it is C (see fault_guard.c).
        .target(name: "CFaultGuard"),
        // glibc's malloc_trim for the flow analysis (see malloc_tuning.c).
        .target(name: "CMallocTuning"),
        .target(
            name: "BinaryFormats",
            dependencies: ["CFaultGuard", "CLibELF", "CLZMA", "CMSPack", "CZlib"]
        ),
        .target(
            name: "InstructionSets",
            dependencies: ["BinaryFormats", "CMallocTuning", "CZydis"]
        ),
        .target(
            name: "Readiness",
            dependencies: ["BinaryFormats", "InstructionSets", "Yams"]
        ),
        .target(
            name: "Scanning",
            dependencies: [
                "BinaryFormats", "InstructionSets", "Readiness", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Reporting",
            dependencies: [
                "BinaryFormats", "InstructionSets", "Readiness", "Scanning",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "armready",
            dependencies: [
                "BinaryFormats",
                "InstructionSets",
                "Readiness",
                "Scanning",
                "Reporting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfoPlugin"]
        ),
        // `armready --version` names the git commit it was built from (BuildInfo.swift).
        .executableTarget(name: "GenerateBuildInfo"),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["GenerateBuildInfo"]),
        .testTarget(
            name: "BinaryFormatsTests",
            dependencies: ["BinaryFormats", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "InstructionSetsTests",
            dependencies: ["InstructionSets", "BinaryFormats"]
        ),
        .testTarget(
            name: "ReadinessTests",
            dependencies: ["Readiness", "BinaryFormats", "InstructionSets"]
        ),
        .testTarget(
            name: "ScanningTests",
            dependencies: [
                "Scanning", "Readiness", "BinaryFormats", "InstructionSets",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Scanning", "Readiness", "BinaryFormats", "InstructionSets"],
            exclude: ["Golden", "Schemas"]
        ),
        .testTarget(
            name: "armreadyTests",
            // The executable, so `swift test` builds it before the end-to-end tests run it.
            dependencies: ["armready", "BinaryFormats"],
            exclude: ["Golden"]
        ),
    ]
)
