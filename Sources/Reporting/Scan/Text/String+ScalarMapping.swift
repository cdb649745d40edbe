extension String {
    /// This string with each Unicode scalar for which `replacement` returns text replaced by
    /// that text (the empty string drops it); scalars it returns nil for are kept. The one
    /// loop under every escaper of the renderers.
    func mappingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) {
                out += text
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
