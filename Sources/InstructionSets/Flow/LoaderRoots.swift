import BinaryFormats

/// The roots the flow analysis starts from: where a loader or host enters the image.
enum LoaderRoots {
    /// A Python extension module is entered through `PyInit_<name>` alone: CPython looks up
    /// that one symbol (PEP 489, "Module initialization") and reaches everything else through
    /// the method and type tables it returns. GCC builds that leave other symbols visible
    /// (numpy's manylinux `_multiarray_umath` exports its `__svml_*` and `np::qsort_simd`
    /// AVX-512 kernels) would otherwise have every exported kernel counted as required.
    static func select(_ roots: [CodeRoot]) -> [CodeRoot] {
        let isPythonModule = roots.contains { $0.kind == .export && ($0.name?.hasPrefix("PyInit_") ?? false) }
        guard isPythonModule else { return roots }
        return roots.filter { root in
            root.kind != .export || (root.name?.hasPrefix("PyInit_") ?? false)
        }
    }
}
