import BinaryFormats
import Testing

@testable import InstructionSets

/// Which exports the flow analysis starts from (`LoaderRoots`).
@Suite("Loader roots")
struct LoaderRootsTests {
    @Test func aPythonModuleIsEnteredThroughPyInitAlone() {
        let roots = [
            CodeRoot(address: 0x10, kind: .export, name: "PyInit__multiarray_umath"),
            CodeRoot(address: 0x20, kind: .export, name: "__svml_acos8"),
            CodeRoot(address: 0x30, kind: .initializer),
            CodeRoot(address: 0x40, kind: .entry),
        ]
        #expect(LoaderRoots.select(roots).map(\.address) == [0x10, 0x30, 0x40])
    }

    /// Export names from faiss-cpu 1.8.0's win_amd64 OpenBLAS DLL (pefile's export table) and
    /// numpy 2.5.5's symbol table (`nm`): the per-CPU kernels are not roots, the API is.
    @Test func exportsNamedForACPUVariantAreNotRoots() {
        let variants = [
            "saxpy_k_HASWELL", "sgemm_small_kernel_nn_BULLDOZER", "dgemm_kernel_SKYLAKEX", "zgemv_t_OPTERON_SSE3",
            "UBYTE_argmax_X86_V3", "DOUBLE_add_AVX512F", "FLOAT_exp_AVX512_SKX", "blur_avx2", "sum_sve",
        ]
        let api = [
            "cblas_dgemm", "LAPACKE_cbbcsd_work", "dgemm_", "openblas_get_config", "DOUBLE_add", "HASWELL", "_avx2",
            "deflate",
        ]
        for name in variants { #expect(FeatureNames.isVariantName(name), "\(name)") }
        for name in api { #expect(!FeatureNames.isVariantName(name), "\(name)") }
        let roots = (variants + api).enumerated().map {
            CodeRoot(address: UInt64($0.offset), kind: .export, name: $0.element)
        }
        #expect(LoaderRoots.select(roots).compactMap(\.name) == api)
    }

    @Test func otherLibrariesKeepEveryExport() {
        let roots = [
            CodeRoot(address: 0x10, kind: .export, name: "deflate"), CodeRoot(address: 0x20, kind: .export, name: nil),
        ]
        #expect(LoaderRoots.select(roots) == roots)
    }
}
