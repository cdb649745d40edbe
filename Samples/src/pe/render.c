/* Renderer (x64): built with -mavx2 -mfma and no CPUID check anywhere, so the vectorised
 * loops below (VEX-encoded ymm FMA and AVX2 integer ops) run on any CPU only if it has AVX2 and FMA. */
#include "win.h"

#define N 4096
static float x[N], y[N], out[N];
int _fltused = 0;

__attribute__((noinline)) void ShadeRow(float *dst, const float *a, const float *b, float k, int n) {
    for (int i = 0; i < n; i++)
        dst[i] = a[i] * k + b[i];
}

__attribute__((noinline)) void Blend(float *dst, const float *a, const float *b, int n) {
    for (int i = 0; i < n; i++)
        dst[i] = a[i] * b[i] + dst[i];
}

__attribute__((noinline)) void Dither(int *dst, const int *a, const int *b, int n) {
    for (int i = 0; i < n; i++)
        dst[i] = (a[i] + b[i]) >> 1;
}

static int tileA[N], tileB[N], tile[N];

void mainCRTStartup(void) {
    ShadeRow(out, x, y, 0.75f, N);
    Blend(out, x, y, N);
    Dither(tile, tileA, tileB, N);
    say("frame rendered\n");
    ExitProcess(0);
}
