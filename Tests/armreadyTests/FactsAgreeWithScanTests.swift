import Foundation
import Testing

/// `armready facts PATH` shows exactly what `armready scan PATH` rated: the same binaries
/// (package entries included), and for each the same verdict, execution, application, fired
/// rules and the header values both outputs carry.
@Suite("facts agrees with scan")
struct FactsAgreeWithScanTests {
    @Test(
        "every binary of the tree or package, every shared value",
        arguments: [
            ("Samples", "Samples/"), ("Tests/Fixtures/archives/mixed-1.0-py3-none-any.whl", "Tests/Fixtures/archives/"),
        ])
    func agree(root: String, prefix: String) throws {
        let scan = try Armready.run(["scan", root, "--report", "json"], in: Armready.packageRoot)
        #expect(scan.status == 0, "\(scan.stderr)")
        let facts = try Armready.run(["facts", root, "--format", "json"], in: Armready.packageRoot)
        #expect(facts.status == 0, "\(facts.stderr)")
        let binaries = ScanJSON(try scan.json()).binaries
        let files = try #require(try facts.json()["files"] as? [[String: Any]])
        #expect(!binaries.isEmpty)
        #expect(files.count == binaries.count)
        let byPath = Dictionary(
            files.map { ($0["path"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for binary in binaries {
            let path = try #require(binary["path"] as? String)
            let file = try #require(byPath[prefix + path], "facts lists no \(prefix + path)")
            let values = try #require(file["facts"] as? [String: Any])
            let findings = binary["findings"] as? [[String: Any]] ?? []
            #expect(file["verdict"] as? String == binary["verdict"] as? String, "\(path)")
            #expect(file["execution"] as? String == binary["execution"] as? String, "\(path)")
            #expect(file["application"] as? String == binary["application"] as? String, "\(path)")
            #expect(file["rules"] as? [String] == findings.compactMap { $0["rule"] as? String }, "\(path)")
            #expect(values["format"] as? String == binary["format"] as? String, "\(path)")
            #expect(values["machine"] as? Int == binary["machine"] as? Int, "\(path)")
            #expect(values["machine.name"] as? String == binary["machineName"] as? String, "\(path)")
            #expect(values["kind"] as? String == binary["kind"] as? String, "\(path)")
            #expect(values["bits"] as? Int == binary["bits"] as? Int, "\(path)")
            #expect(values["app.name"] as? String == binary["application"] as? String, "\(path)")
            let details = binary["details"] as? [String: Any] ?? [:]
            let imports = (details["imports"] as? [String] ?? []) + (details["needed"] as? [String] ?? [])
            #expect(values["imports"] as? [String] == Set(imports.map { $0.lowercased() }).sorted(), "\(path)")
            if let share = details["nativeCodeShare"] as? Double {
                #expect(values["hybrid.native_share"] as? Double == share, "\(path)")
            }
            // Every extension a rule sees as required or dispatched is one the profile counted.
            let counted = Set(
                (binary["isa"] as? [String: Any]).map { isa in
                    ["x86", "arm64"].flatMap { ((isa[$0] as? [String: Int]) ?? [:]).keys }
                } ?? [])
            for name in ["isa.x86", "isa.x86.dispatched", "isa.arm64", "isa.arm64.dispatched"] {
                for item in values[name] as? [String] ?? [] {
                    #expect(counted.contains(item), "\(path): \(name) \(item)")
                }
            }
        }
    }
}
