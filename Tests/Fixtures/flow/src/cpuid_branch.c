// Baseline program whose main probes the CPU itself (CPUID 1 and 7, XGETBV) and branches on
// the result: kernel_avx2 (AVX2 + FMA through a target attribute) runs only on the
// "has AVX2" edge, kernel_sse2 otherwise. The AVX2 use is dispatched, the guard is in main.
#include "cpuid.h"
#define N 512
#define NOINLINE __attribute__((noinline))

float xs[N], ys[N];

__attribute__((target("avx2,fma"))) NOINLINE void kernel_avx2(float *y, const float *x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

NOINLINE void kernel_sse2(float *y, const float *x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

int main(void) {
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    int has_avx2 = 0;
    // OSXSAVE (ECX 27), AVX (ECX 28), FMA (ECX 12); XCR0 must enable SSE and AVX state.
    if ((l1.ecx & (1u << 27)) && (l1.ecx & (1u << 28)) && (l1.ecx & (1u << 12)) &&
        (flow_xgetbv0() & 6u) == 6u && (l7.ebx & (1u << 5)))
        has_avx2 = 1;
    if (has_avx2)
        kernel_avx2(ys, xs, 2.0f, N);
    else
        kernel_sse2(ys, xs, 2.0f, N);
    return (int)ys[7];
}
