import BinaryFormats

/// The suppression that silenced a finding: its reason, and the day it stops applying.
package struct AppliedSuppression: Sendable, Equatable, Codable {
    package var reason: String
    @Nullable package var expires: String?

    package init(reason: String, expires: String?) {
        self.reason = reason
        self.expires = expires
    }
}
