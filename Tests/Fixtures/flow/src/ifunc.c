// x86-64 ELF shared object (freestanding, no libc): flow_dot and flow_scale are IFUNC symbols.
// Their resolvers test a global that probe_cpu fills with CPUID/XGETBV results, and return
// an AVX-512, AVX2 or SSE2 implementation. The implementations are hidden (not exported),
// so they are reachable only through the resolvers. flow_dot is hidden too and called from
// the exported flow_norm, which gives an R_X86_64_IRELATIVE relocation; flow_scale is an
// exported STT_GNU_IFUNC symbol.
#include <immintrin.h>
#include "cpuid.h"
#define HIDDEN __attribute__((visibility("hidden"), noinline))
#define HIDDEN_DATA __attribute__((visibility("hidden")))

enum { CPU_INIT = 1, CPU_AVX2 = 2, CPU_AVX512F = 4 };
HIDDEN_DATA unsigned cpu_flags;

HIDDEN void probe_cpu(void) {
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    unsigned xcr0 = (l1.ecx & (1u << 27)) ? flow_xgetbv0() : 0;
    unsigned f = CPU_INIT;
    if ((l1.ecx & (1u << 28)) && (xcr0 & 6u) == 6u) {
        if (l7.ebx & (1u << 5)) f |= CPU_AVX2;
        if ((l7.ebx & (1u << 16)) && (xcr0 & 0xE0u) == 0xE0u) f |= CPU_AVX512F;
    }
    cpu_flags = f;
}

HIDDEN float dot_sse2(const float *a, const float *b, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

__attribute__((target("avx2"))) HIDDEN float dot_avx2(const float *a, const float *b, int n) {
    __m256 acc = _mm256_setzero_ps();
    int i = 0;
    for (; i + 8 <= n; i += 8) acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
    float t[8];
    _mm256_storeu_ps(t, acc);
    float s = t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7];
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

__attribute__((target("avx512f"))) HIDDEN float dot_avx512(const float *a, const float *b, int n) {
    __m512 acc = _mm512_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) acc = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), acc);
    float s = _mm512_reduce_add_ps(acc);
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

HIDDEN void scale_sse2(float *x, float k, int n) {
    for (int i = 0; i < n; i++) x[i] *= k;
}

__attribute__((target("avx2"))) HIDDEN void scale_avx2(float *x, float k, int n) {
    int i = 0;
    __m256 kk = _mm256_set1_ps(k);
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_loadu_ps(x + i), kk));
    for (; i < n; i++) x[i] *= k;
}

typedef float dot_fn(const float *, const float *, int);
typedef void scale_fn(float *, float, int);

HIDDEN dot_fn *resolve_dot(void) {
    if (!(cpu_flags & CPU_INIT)) probe_cpu();
    if (cpu_flags & CPU_AVX512F) return dot_avx512;
    if (cpu_flags & CPU_AVX2) return dot_avx2;
    return dot_sse2;
}

HIDDEN scale_fn *resolve_scale(void) {
    if (!(cpu_flags & CPU_INIT)) probe_cpu();
    if (cpu_flags & CPU_AVX2) return scale_avx2;
    return scale_sse2;
}

__attribute__((visibility("hidden"))) float flow_dot(const float *a, const float *b, int n)
    __attribute__((ifunc("resolve_dot")));
void flow_scale(float *x, float k, int n) __attribute__((ifunc("resolve_scale")));

float flow_norm(const float *a, int n) { return flow_dot(a, a, n); }
