import Crypto
import Foundation
import Readiness

/// Names the rule set compiled into this binary, for `armready --version`: two builds with the
/// same digest rate every binary alike.
package enum BuiltInRulesDigest {
    /// SHA-256, lower-case hex, over every embedded file (rules, targets, Rules/README.md) in
    /// path order: its path, a NUL byte, its text (UTF-8, line ends as `\n`), a NUL byte.
    package static func sha256(of files: [EmbeddedFile] = EmbeddedRules.files) -> String {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Data(file.path.utf8) + [0] + Data(file.contents.utf8) + [0])
        }
        return hasher.finalize().map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The first 8 hex digits, as `--version` shows them.
    package static var short: String { String(sha256().prefix(8)) }
}
