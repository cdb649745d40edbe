/// One name read from a directory, with the type `readdir(3)` reported for it.
struct DirectoryEntry {
    let name: [UInt8]
    /// `DT_REG`, `DT_DIR`, `DT_LNK`... or `DT_UNKNOWN`.
    let type: UInt8
}
