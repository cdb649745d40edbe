import Foundation

/// Where the committed fixtures are, found from this file's path so tests run from any
/// directory.
enum FixturePaths {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String {
        fixtures.appendingPathComponent(relative).path
    }
}
