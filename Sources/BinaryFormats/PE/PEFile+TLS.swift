extension PEFile {
    /// The TLS callbacks' RVAs: the zero-terminated array of virtual addresses that the TLS
    /// directory's AddressOfCallBacks points at (IMAGE_TLS_DIRECTORY32 offset 12,
    /// IMAGE_TLS_DIRECTORY64 offset 24), in array order.
    ///
    /// Hostile input ends the list quietly, as the loader would find nothing to call: a
    /// directory or array without file data, an entry below the image base or 4 GiB past it
    /// (skipped), and more than `ReadLimits.maxTLSCallbacks` entries (the rest not read).
    func tlsCallbacks() -> [UInt32] {
        guard let directory = directory(.tls), let start = offset(rva: directory.rva) else { return [] }
        let width = isPE32Plus ? 8 : 4
        guard let arrayVA = try? reader.unsigned(at: start + 3 * width, width: width, "AddressOfCallBacks"),
            arrayVA != 0, let array = rva(virtualAddress: arrayVA)
        else { return [] }
        var callbacks: [UInt32] = []
        for index in 0..<ReadLimits.maxTLSCallbacks {
            // Each entry is mapped on its own: the array may cross a section boundary.
            let (entryRVA, overflow) = array.addingReportingOverflow(UInt32(index * width))
            guard !overflow, let at = offset(rva: entryRVA),
                let callback = try? reader.unsigned(at: at, width: width, "TLS callback"), callback != 0
            else { break }
            if let callbackRVA = rva(virtualAddress: callback) { callbacks.append(callbackRVA) }
        }
        return callbacks
    }
}

extension ReadLimits {
    /// TLS callbacks read from one array: real images have one or two.
    package static let maxTLSCallbacks = 4096
}
