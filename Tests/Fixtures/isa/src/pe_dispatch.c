/* ISA fixture (PE/COFF x64 DLL): an AVX-512 kernel chosen at run time through
 * IsProcessorFeaturePresent(PF_AVX512F_INSTRUCTIONS_AVAILABLE = 41). Freestanding, no CRT. */
__declspec(dllimport) int __stdcall IsProcessorFeaturePresent(unsigned int feature);

/* The MSVC ABI references _fltused from any code using floating point; there is no CRT to define it. */
int _fltused = 0;

__attribute__((target("avx512f"), noinline)) static void scale_avx512(float *restrict a, float k, int n) {
    for (int i = 0; i < n; i++) a[i] *= k;
}

__attribute__((noinline)) static void scale_plain(float *restrict a, float k, int n) {
    for (int i = 0; i < n; i++) a[i] *= k;
}

/* Not a tail call (it reads a[0] afterwards), so the function gets a frame and a .pdata entry. */
__declspec(dllexport) float scale(float *restrict a, float k, int n) {
    if (IsProcessorFeaturePresent(41)) scale_avx512(a, k, n); else scale_plain(a, k, n);
    return a[0];
}
