import Foundation
import Readiness
import Scanning

/// The scan the package-tree tests of each renderer read: the Burn chain fixture
/// (Tests/Fixtures/installers/engine-burn-chain.exe, chain written by burn-chain-build.py) and
/// the same bundle inside a zip (Tests/Fixtures/packages/bundle-in-zip.zip), as two file roots.
enum PackageTreeReport {
    static let fixtures = HTMLSampleReport.repositoryRoot.appendingPathComponent("Tests/Fixtures")

    static func scan() throws -> ScanReport {
        try Scanner.scan(
            ScanOptions(
                roots: ["installers/engine-burn-chain.exe", "packages/bundle-in-zip.zip"].map {
                    fixtures.appendingPathComponent($0).path
                }, rules: try RuleSet.load(), target: try TargetProfile.load(), isa: nil, today: "2026-01-15",
                toolVersion: "0.0.0-test"))
    }
}
