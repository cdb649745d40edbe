// The SVE kernel, compiled with -march=armv8.2-a+sve (this file only). ACLE intrinsics make
// the SVE encoding certain: whilelo, ld1w, fadd (predicated), faddv, incw.
#include <arm_sve.h>

float sum_sve(const float *x, int n) {
    svfloat32_t acc = svdup_f32(0.0f);
    for (int i = 0; i < n; i += (int)svcntw()) {
        svbool_t pg = svwhilelt_b32(i, n);
        acc = svadd_f32_m(pg, acc, svld1_f32(pg, x + i));
    }
    return svaddv_f32(svptrue_b32(), acc);
}
