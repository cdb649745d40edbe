/* ISA fixture: AVX2 used only after a CPUID + XGETBV check (runtime dispatch). Freestanding. */
#include <cpuid.h>

__attribute__((target("avx2"))) static void add_avx2(int *restrict a, const int *restrict b, int n) {
    for (int i = 0; i < n; i++) a[i] += b[i];
}

static void add_plain(int *restrict a, const int *restrict b, int n) {
    for (int i = 0; i < n; i++) a[i] += b[i];
}

static int have_avx2(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 27))) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx >> 5) & 1;
}

int start(int *a, const int *b, int n) {
    if (have_avx2()) add_avx2(a, b, n); else add_plain(a, b, n);
    return a[7];
}
