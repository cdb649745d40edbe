/// A number with its noun, as people write them: `1 binary`, `1,049 binaries`.
///
/// Every renderer and message that counts goes through here, so none says "1 binaries".
package enum Count {
    /// `count` with thousands separators and the singular or plural noun; the plural is the
    /// singular plus `s` unless given.
    package static func of(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        formatted(count) + " " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// `1049` as `1,049`: fixed separators, whatever the locale, so output is deterministic.
    package static func formatted(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (count < 0 ? "-" : "") + out
    }
}
