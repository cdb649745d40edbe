/// Recognises the installer engine of a PE, in the sniff order of installers.md §9: `.wixburn`
/// → Inno → NSIS → Squirrel → Velopack → InstallShield → archives appended at the overlay.
package enum InstallerEngineDetector {
    /// `image` is what PEReader read; `bytes` the whole file. Nil for a PE that is no installer
    /// armready knows, and for anything that is not a PE.
    package static func detect(image: BinaryImage, bytes: UnsafeRawBufferPointer) -> InstallerEngine? {
        guard image.format == .pe, image.pe != nil else { return nil }
        let layout = InstallerLayout(image: image, bytes: bytes)
        let detectors: [(InstallerLayout) -> InstallerEngine?] = [
            BurnSection.detect, InnoSetupLoader.detect, NSISFirstHeader.detect, SquirrelVelopack.squirrel,
            SquirrelVelopack.velopack, OverlayArchive.installShield, OverlayArchive.archive,
        ]
        for detector in detectors {
            if let engine = detector(layout) { return engine }
        }
        return nil
    }
}
