/// `scan --shard I/N`: the stable part of a tree that job I of N scans, so that N jobs cover the
/// tree exactly once and `armready merge` of their reports equals one scan of the whole tree.
///
/// A file's shard is decided by its *shard key*, the first component of its report path (the
/// top-level entry under a single root, or the root's name when several roots are scanned);
/// files directly in a single root share the key `.`. The key is chosen to match
/// `ApplicationGrouping`: an application is a directory below the first component, that first
/// component itself, or `.`, so every application other than `.` lies inside one key, and the
/// root's own files are one key too. (When the root itself holds an executable, `.` also claims
/// binaries below other keys; `armready merge` notices that their applications disagree and
/// refuses to merge.) A package is one file, so it stays whole.
///
/// The hash is 64-bit FNV-1a of the key's UTF-8 bytes: the same in every process and on every
/// machine, unlike Swift's `Hasher`, which is seeded per process.
package struct ScanShard: Sendable, Equatable {
    /// 1-based, `1...count`.
    package let index: Int
    package let count: Int

    /// nil unless `1 <= index <= count`.
    package init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`; nil when it is not two decimal numbers with `1 <= I <= N`.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let index = Int(parts[0]), let count = Int(parts[1])
        else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether this shard scans the file whose report path is `path`.
    package func owns(file path: String) -> Bool {
        guard let slash = path.firstIndex(of: "/") else { return owns(key: ".") }
        return owns(key: String(path[..<slash]))
    }

    /// Whether this shard walks the directory whose display path is `path` (empty for a single
    /// root): the files below it all share its first component.
    package func owns(directory path: String) -> Bool {
        guard !path.isEmpty else { return owns(key: ".") }
        return owns(file: path + "/")
    }

    private func owns(key: String) -> Bool {
        Int(Self.fnv1a(key) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
