import BinaryFormats

/// The roots the flow analysis starts from: where a loader or host enters the image.
enum LoaderRoots {
    /// - A Python extension module is entered through `PyInit_<name>` alone: CPython looks up
    ///   that one symbol (PEP 489, "Module initialization") and reaches everything else through
    ///   the method and type tables it returns. GCC builds that leave other symbols visible
    ///   (numpy's manylinux `_multiarray_umath` exports its `__svml_*` and `np::qsort_simd`
    ///   AVX-512 kernels) would otherwise have every exported kernel counted as required.
    /// - An export named for a CPU variant (`FeatureNames.isVariantName`: OpenBLAS's
    ///   `dgemm_kernel_HASWELL`, exported because mingw exports every symbol) is a dispatch
    ///   target, not an entry: its code is rated as the callers the analysis finds make it
    ///   (unknown when they go through a table).
    static func select(_ roots: [CodeRoot]) -> [CodeRoot] {
        let isPythonModule = roots.contains { $0.kind == .export && ($0.name?.hasPrefix("PyInit_") ?? false) }
        return roots.filter { root in
            guard root.kind == .export, let name = root.name else { return true }
            if isPythonModule { return name.hasPrefix("PyInit_") }
            return !FeatureNames.isVariantName(name)
        }
    }
}
