import BinaryFormats

/// One budget for everything a scanned file unpacks, across every level of nesting (a zip in
/// a bundle in an installer): how deep it goes, how many members it lists and how many bytes it
/// inflates. Each stop is reported as a diagnostic; nothing past it is read.
final class PackageBudget {
    /// Packages inside packages, counting the scanned file as level 1.
    static let maxDepth = 8
    /// Bytes inflated or extracted from one scanned file, over all levels.
    static let maxTotalBytes: UInt64 = 4 << 30
    /// Members listed, over all levels.
    static let maxMembers = ReadLimits.maxArchiveEntries

    private(set) var bytesSpent: UInt64 = 0
    private(set) var membersSeen = 0

    /// Takes `count` members from the budget; false once it is spent.
    func takeMembers(_ count: Int) -> Bool {
        guard membersSeen + count <= Self.maxMembers else { return false }
        membersSeen += count
        return true
    }

    /// Takes `bytes` of output from the budget; false when they do not fit.
    func takeBytes(_ bytes: UInt64) -> Bool {
        guard bytes <= Self.maxTotalBytes - bytesSpent else { return false }
        bytesSpent += bytes
        return true
    }

    var bytesSentence: String {
        "the scan's budget of \(Self.maxTotalBytes) bytes unpacked from one file (\(bytesSpent) spent)"
    }
}
