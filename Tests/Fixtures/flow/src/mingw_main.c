// mingw-w64 GCC, real CRT, -O2, baseline: main picks the AVX2 kernel with
// __builtin_cpu_supports("avx2"), which GCC lowers to a test of libgcc's __cpu_model
// (filled by __cpu_indicator_init, a constructor run from __main). The kernel lives in
// mingw_kernel.c, compiled with -mavx2, so the guard is in main and the AVX2 use in
// scale_avx2 is dispatched.
#define N 1024

void scale_avx2(int *x, int k, int n);
void scale_plain(int *x, int k, int n);

static int data[N];

int main(void) {
    for (int i = 0; i < N; i++) data[i] = i;
    if (__builtin_cpu_supports("avx2"))
        scale_avx2(data, 3, N);
    else
        scale_plain(data, 3, N);
    return data[N - 1] & 0x7f;
}
