/* Simulator (x64): built with -mavx512f and no CPUID check, using 512-bit intrinsics,
 * so it executes EVEX-encoded zmm instructions unconditionally. */
#include "win.h"
#include <immintrin.h>

#define N 4096
static float pos[N], vel[N];
int _fltused = 0;

__attribute__((noinline)) void Step(float *p, const float *v, float dt, int n) {
    __m512 step = _mm512_set1_ps(dt);
    for (int i = 0; i + 16 <= n; i += 16) {
        __m512 pv = _mm512_loadu_ps(p + i);
        __m512 vv = _mm512_loadu_ps(v + i);
        _mm512_storeu_ps(p + i, _mm512_fmadd_ps(vv, step, pv));
    }
}

void mainCRTStartup(void) {
    for (int t = 0; t < 100; t++)
        Step(pos, vel, 0.01f, N);
    say("simulation finished\n");
    ExitProcess(0);
}
