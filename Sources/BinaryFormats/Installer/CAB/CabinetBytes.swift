/// A cabinet's bytes as libmspack reads them: owned, or borrowed from the caller for the
/// length of `CabinetArchive.borrowing(_:_:)` (a mapped file, read in place).
struct CabinetBytes: @unchecked Sendable {
    private let owned: [UInt8]
    private let borrowed: UnsafeRawBufferPointer?

    init(_ owned: [UInt8]) {
        self.owned = owned
        borrowed = nil
    }

    init(borrowing bytes: UnsafeRawBufferPointer) {
        owned = []
        borrowed = bytes
    }

    var count: Int { borrowed?.count ?? owned.count }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let borrowed { return body(borrowed) }
        return owned.withUnsafeBytes(body)
    }
}
