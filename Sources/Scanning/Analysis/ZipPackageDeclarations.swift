import BinaryFormats
import Readiness

/// What a ZIP-based package declares about itself, read before its entries are rated: a
/// wheel's platform tags (its name and `*.dist-info/WHEEL`), an MSIX/APPX package's
/// `AppxManifest.xml`, a bundle's `AppxMetadata/AppxBundleManifest.xml` and the packages of
/// it that an Arm64 device installs.
struct ZipPackageDeclarations {
    /// Manifests are small; a larger one is not read.
    static let maxManifestBytes: UInt64 = 1 << 20

    private(set) var context: PackageContext
    private(set) var diagnostics: [FileOutcome] = []
    /// Inner packages of a bundle that an Arm64 device does not install, with the reason.
    private var skipped: [String: String] = [:]

    init(_ archive: ZipArchive, displayPath: String) {
        let fileExtension = ArchiveScanner.lastExtension(displayPath) ?? "zip"
        let kind: String
        switch fileExtension {
        case "whl": kind = "wheel"
        case "snupkg": kind = "nupkg"
        case "war": kind = "jar"
        case let other where ArchiveScanner.extensions.contains(other): kind = other
        // A ZIP behind a stub: a self-extractor or an installer's payload.
        default: kind = "installer"
        }
        context = PackageContext(kind: kind, name: displayPath)
        switch kind {
        case "wheel": readWheel(archive, displayPath: displayPath)
        case "msix", "appx": readAppx(archive, displayPath: displayPath)
        case "msixbundle", "appxbundle": readBundle(archive, displayPath: displayPath)
        default: break
        }
    }

    /// Why an entry is not rated, when it is an inner package the device does not install.
    func skipReason(_ name: String) -> String? { skipped[name] }

    private mutating func readWheel(_ archive: ZipArchive, displayPath: String) {
        var tags = WheelTags.platforms(fileName: displayPath) ?? []
        if let entry = archive.entries.first(where: { Self.isWheelMetadata($0.name) }),
            let text = read(entry, archive, displayPath: displayPath)
        {
            let declared = WheelTags.platforms(wheelMetadata: XMLTagScanner.text(text))
            if !tags.isEmpty, !declared.isEmpty, Set(declared) != Set(tags) {
                note(
                    displayPath,
                    "the wheel's name says platform \(tags.sorted().joined(separator: ".")) but \(entry.name) says \(declared.sorted().joined(separator: "."))"
                )
            }
            tags += declared
        }
        context.declaredArchitectures = WheelTags.architectures(ofPlatforms: tags)
    }

    /// `name-1.0.dist-info/WHEEL`, at the top of the archive.
    private static func isWheelMetadata(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].hasSuffix(".dist-info") && parts[1] == "WHEEL"
    }

    private mutating func readAppx(_ archive: ZipArchive, displayPath: String) {
        guard let entry = archive.entries.first(where: { $0.name == "AppxManifest.xml" }) else {
            note(displayPath, "the package has no AppxManifest.xml: its declared architecture is unknown")
            return
        }
        guard let bytes = read(entry, archive, displayPath: displayPath) else { return }
        let manifest = AppxManifest(bytes)
        context.minWindowsBuild = manifest.minWindowsBuild
        if let architecture = manifest.processorArchitecture {
            context.declaredArchitectures = [AppxManifest.normalised(architecture)]
        } else {
            note(displayPath, "AppxManifest.xml has no Identity ProcessorArchitecture")
        }
    }

    private mutating func readBundle(_ archive: ZipArchive, displayPath: String) {
        guard let entry = archive.entries.first(where: { $0.name == "AppxMetadata/AppxBundleManifest.xml" }) else {
            note(displayPath, "the bundle has no AppxMetadata/AppxBundleManifest.xml: every inner package is rated")
            return
        }
        guard let bytes = read(entry, archive, displayPath: displayPath) else { return }
        let manifest = AppxBundleManifest(bytes)
        let applications = manifest.packages.filter(\.isApplication)
        context.declaredArchitectures = Set(applications.compactMap(\.architecture).map(AppxManifest.normalised))
            .sorted()
        let selected = manifest.selectedForArm64
        guard let chosen = selected.first?.architecture else {
            note(
                displayPath,
                "no package of the bundle installs on an Arm64 device (application packages: \(applications.compactMap(\.architecture).joined(separator: ", ")))"
            )
            return
        }
        let chosenNames = Set(selected.map(\.fileName))
        for package in applications where !chosenNames.contains(package.fileName) {
            skipped[package.fileName] =
                "not rated: an Arm64 device installs the bundle's \(chosen) package (\(selected.map(\.fileName).joined(separator: ", "))), not this \(package.architecture ?? "unknown") one"
        }
    }

    private mutating func read(_ entry: ZipArchive.Entry, _ archive: ZipArchive, displayPath: String) -> [UInt8]? {
        guard entry.uncompressedSize <= Self.maxManifestBytes else {
            note(
                displayPath, "\(entry.name) is \(entry.uncompressedSize) bytes, over the 1 MiB manifest limit: not read"
            )
            return nil
        }
        do {
            return try archive.contents(of: entry)
        } catch {
            note(displayPath, "cannot read \(entry.name): \(error)")
            return nil
        }
    }

    private mutating func note(_ path: String, _ message: String) {
        diagnostics.append(.diagnostic(ScanDiagnostic(path: path, kind: .inconsistentArchive, message: message)))
    }
}
