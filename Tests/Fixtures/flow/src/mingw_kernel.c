// Compiled with -mavx2 (the whole file): only main's __builtin_cpu_supports test leads here.
// AVX2 integer intrinsics, because GCC 12 at -O2 does not vectorize this loop by itself.
#include <immintrin.h>

void scale_avx2(int *x, int k, int n) {
    __m256i kk = _mm256_set1_epi32(k);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(x + i));
        _mm256_storeu_si256((__m256i *)(x + i), _mm256_add_epi32(_mm256_mullo_epi32(v, kk), kk));
    }
    for (; i < n; i++) x[i] = x[i] * k + k;
}
