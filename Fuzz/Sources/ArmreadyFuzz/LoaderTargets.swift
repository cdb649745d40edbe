import Readiness
import Scanning

/// Fuzz targets for the YAML loaders: rules, target profiles and the scan configuration.
enum LoaderTargets {
    static func rules(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? RuleSet.parse([EmbeddedFile(path: "Rules/fuzz.yaml", contents: text)])
        _ = try? TargetProfile.builtIn([EmbeddedFile(path: "Rules/targets/fuzz.yaml", contents: text)])
    }

    static func config(_ bytes: UnsafeRawBufferPointer) {
        _ = try? ScanConfiguration.parse(String(decoding: bytes, as: UTF8.self), file: ".armready.yml")
    }
}
