extension PEReader {
    /// Where the flow analysis starts (entry point, exports that are not forwarders, TLS
    /// callbacks), one per address and kind, and the IAT slots sorted by address. Hybrid
    /// (ARM64X) images give the native view's exports, the ones `PEInfo.exports` holds.
    static func codeEntries(file: PEFile, info: PEInfo, slots: [ImportSlot])
        -> (roots: [CodeRoot], importSlots: [ImportSlot])
    {
        var roots: [CodeRoot] = []
        if file.addressOfEntryPoint != 0 {
            roots.append(CodeRoot(address: UInt64(file.addressOfEntryPoint), kind: .entry))
        }
        for entry in info.exports?.entries ?? [] {
            if let rva = entry.rva { roots.append(CodeRoot(address: UInt64(rva), kind: .export, name: entry.name)) }
        }
        for callback in file.tlsCallbacks() { roots.append(CodeRoot(address: UInt64(callback), kind: .tlsCallback)) }
        return (CodeRoot.unique(roots), ImportSlot.unique(slots))
    }
}
