// Exported with default visibility and built for AVX2: datamod.c calls it through the PLT.
__attribute__((target("avx2"), noinline)) void add_avx2_tail(float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) a[i] += b[i];
}
