/* ISA fixture: the same small kernels compiled at several x86 levels by build.sh.
 * Freestanding (no libc); the entry point is `start`. */
typedef unsigned long long u64;

void saxpy(float *restrict y, const float *restrict x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

int sum_ints(const int *restrict v, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += v[i] * v[i];
    return s;
}

u64 bits(u64 a, u64 b) {
    /* andn/blsr (BMI1), shlx (BMI2), lzcnt, popcnt depending on -march. */
    u64 r = (~a & b) ^ (a & (a - 1));
    r += (b << (a & 63));
    r += (u64)__builtin_clzll(a | 1);
    r += (u64)__builtin_ctzll(b | 1);
    return r;
}

void halfs(unsigned short *restrict out, const float *restrict in, int n) {
    for (int i = 0; i < n; i++) out[i] = (unsigned short)(in[i] * 2.0f);
}

u64 start(void) {
    static float x[64], y[64];
    static int v[64];
    saxpy(y, x, 2.0f, 64);
    return (u64)sum_ints(v, 64) + bits((u64)y[3], 7);
}
