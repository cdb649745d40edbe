// 32-bit x86 helper that probes the CPU and branches on the result to pick a code path:
// checksum_avx2 (AVX2 through a target attribute) runs only when CPUID/XGETBV report AVX2,
// checksum_plain otherwise. The guard is in main.
#include "cpuid.h"
#define N 512
#define NOINLINE __attribute__((noinline))

unsigned values[N];

__attribute__((target("avx2"))) NOINLINE unsigned checksum_avx2(const unsigned *v, int n) {
    unsigned s = 0;
    for (int i = 0; i < n; i++) s += v[i] * 31u;
    return s;
}

NOINLINE unsigned checksum_plain(const unsigned *v, int n) {
    unsigned s = 0;
    for (int i = 0; i < n; i++) s += v[i] * 31u;
    return s;
}

int main(void) {
    for (int i = 0; i < N; i++) values[i] = (unsigned)i;
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    unsigned r;
    if ((l1.ecx & (1u << 27)) && (l1.ecx & (1u << 28)) && (flow_xgetbv0() & 6u) == 6u &&
        (l7.ebx & (1u << 5)))
        r = checksum_avx2(values, N);
    else
        r = checksum_plain(values, N);
    return (int)(r & 0x7f);
}
