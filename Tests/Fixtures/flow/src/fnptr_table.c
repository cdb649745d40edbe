// A DLL with a CPU dispatch table, in the style of FFmpeg's DSP contexts: flow_init (run
// from the DLL entry on process attach) probes the CPU and fills a global table of kernel
// pointers; the exported hot functions only call through the table. The AVX2, FMA and
// AVX-512 kernels are reachable only through slots written after the CPUID/XGETBV tests.
// The kernels have external linkage (so they keep a symbol) but are not exported.
#include <immintrin.h>
#include "cpuid.h"
#define NOINLINE __attribute__((noinline))
#define EXPORT __declspec(dllexport)

// Clang's MSVC target references _fltused whenever floating point is used.
int _fltused = 0;

struct dsp_table {
    void (*add)(float *out, const float *a, const float *b, int n);
    void (*axpy)(float *y, const float *x, float a, int n);
    float (*sum)(const float *x, int n);
};

// Starts with the baseline kernels, as real tables do.
NOINLINE void add_sse2(float *out, const float *a, const float *b, int n);
NOINLINE void axpy_sse2(float *y, const float *x, float a, int n);
NOINLINE float sum_sse2(const float *x, int n);
struct dsp_table dsp = {add_sse2, axpy_sse2, sum_sse2};

NOINLINE void add_sse2(float *out, const float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
}

__attribute__((target("avx2"))) NOINLINE void add_avx2(float *out, const float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
}

NOINLINE void axpy_sse2(float *y, const float *x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

__attribute__((target("avx2,fma"))) NOINLINE void axpy_fma(float *y, const float *x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

NOINLINE float sum_sse2(const float *x, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}

// Intrinsics, so the EVEX (zmm) encoding is certain.
__attribute__((target("avx512f"))) NOINLINE float sum_avx512(const float *x, int n) {
    __m512 acc = _mm512_setzero_ps();
    int i = 0;
    for (; i + 16 <= n; i += 16) acc = _mm512_add_ps(acc, _mm512_loadu_ps(x + i));
    float s = _mm512_reduce_add_ps(acc);
    for (; i < n; i++) s += x[i];
    return s;
}

// noinline: DllMain calls it rather than holding a copy of the probe.
EXPORT NOINLINE void flow_init(void) {
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    unsigned xcr0 = (l1.ecx & (1u << 27)) ? flow_xgetbv0() : 0;
    int avx = (l1.ecx & (1u << 28)) && (xcr0 & 6u) == 6u;
    int avx2 = avx && (l7.ebx & (1u << 5));
    int fma = avx2 && (l1.ecx & (1u << 12));
    int avx512 = avx && (l7.ebx & (1u << 16)) && (xcr0 & 0xE0u) == 0xE0u;
    if (avx2) dsp.add = add_avx2;
    if (fma) dsp.axpy = axpy_fma;
    if (avx512) dsp.sum = sum_avx512;
}

EXPORT void flow_add(float *out, const float *a, const float *b, int n) { dsp.add(out, a, b, n); }
EXPORT void flow_axpy(float *y, const float *x, float a, int n) { dsp.axpy(y, x, a, n); }
EXPORT float flow_sum(const float *x, int n) { return dsp.sum(x, n); }

// DLL entry: fill the table on process attach (reason 1).
int __stdcall DllMain(void *module, unsigned reason, void *reserved) {
    (void)module;
    (void)reserved;
    if (reason == 1) flow_init();
    return 1;
}
