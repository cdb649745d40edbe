import Foundation

/// Times for reports: `SOURCE_DATE_EPOCH` (reproducible builds) wins over the clock.
enum Timestamp {
    static func now(explicit: Bool) -> String? {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return format(Date(timeIntervalSince1970: seconds))
        }
        return explicit ? format(Date()) : nil
    }

    static func today() -> String {
        String(format(Date()).prefix(10))
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
