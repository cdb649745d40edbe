import Foundation

/// One PE entry of `Tests/Fixtures/expected.json`, written by `scripts/fixture-expectations.py`
/// from pefile, dnfile and LIEF (never from armready).
struct PEFixtureExpectation: Decodable {
    struct Section: Decodable { let name: String; let characteristics: UInt32 }
    struct Import: Decodable { let dll: String; let functions: [String] }
    struct Export: Decodable { let ordinal: UInt32; let name: String?; let forwarder: String? }
    struct Debug: Decodable { let type: UInt32; let pdbPath: String? }
    struct CLR: Decodable { let flags: UInt32; let metadataVersion: String? }
    struct CodeRange: Decodable { let start: UInt64; let end: UInt64; let type: String }
    /// LIEF lists ranges for ARM64 metadata; for x86 CHPE metadata it gives only their count.
    struct CHPE: Decodable {
        let kind: String; let codeRanges: [CodeRange]?; let codeRangeCount: Int?; let version: UInt32?
    }
    struct DynamicRelocation: Decodable { let symbol: UInt64 }
    struct LIEF: Decodable {
        let chpe: CHPE?
        let dynamicRelocations: [DynamicRelocation]
        let exceptionEntries: Int
        let isArm64EC: Bool
        let isArm64X: Bool
    }

    let machine: UInt16
    let magic: String
    let characteristics: UInt16
    let dllCharacteristics: UInt16
    let subsystem: UInt16
    let isDLL: Bool
    let sections: [Section]
    let imports: [Import]
    let delayImports: [Import]
    let exports: [Export]
    let loadConfigSize: UInt32?
    let chpeMetadataPointer: UInt64?
    let clr: CLR?
    let debug: [Debug]
    let lief: LIEF
    let versionStrings: [String: String]?
    /// The element's text as written, e.g. `amd64 arm64`.
    let manifestSupportedArchitectures: String?

    static func loadAll() throws -> [String: PEFixtureExpectation] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("expected.json"))
        let raw = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        var result: [String: PEFixtureExpectation] = [:]
        for (path, value) in raw {
            guard let entry = value as? [String: Any], entry["format"] as? String == "PE" else { continue }
            let entryData = try JSONSerialization.data(withJSONObject: entry)
            result[path] = try JSONDecoder().decode(PEFixtureExpectation.self, from: entryData)
        }
        return result
    }
}
