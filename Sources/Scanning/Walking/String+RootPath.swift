extension String {
    /// A root as the report names it: without trailing slashes and a leading `./`, so `dir`,
    /// `dir/` and `./dir` are one root.
    func trimmingSlashes() -> String {
        var text = self
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("./"), text.count > 2 { text.removeFirst(2) }
        return text
    }
}
