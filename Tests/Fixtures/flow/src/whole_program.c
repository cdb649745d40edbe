// A small program compiled as a whole for one ISA level (-mavx2 -mfma -mbmi2, or AVX-512):
// several ordinary functions, each with a vector loop or scalar double math, so the VEX (or
// EVEX) encoding shows up all over the program rather than in a few kernels. There is no
// CPU check anywhere in this file: every use is required. noinline keeps each function a
// function of its own, with its own symbol.
#define N 256
#define NOINLINE __attribute__((noinline))

float buf_a[N], buf_b[N], buf_c[N];
double samples[N];
unsigned words[N];
unsigned char bytes_a[N], bytes_b[N];

NOINLINE void vec_add(float *out, const float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) out[i] = a[i] + b[i];
}

NOINLINE void vec_fma(float *out, const float *a, const float *b, float k, int n) {
    for (int i = 0; i < n; i++) out[i] = a[i] * k + b[i];
}

NOINLINE float vec_dot(const float *a, const float *b, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

// Byte lanes: vpaddusb (AVX2 in ymm, AVX512BW in zmm).
NOINLINE void bytes_add_sat(unsigned char *out, const unsigned char *a, const unsigned char *b, int n) {
    for (int i = 0; i < n; i++) {
        unsigned s = (unsigned)a[i] + b[i];
        out[i] = (unsigned char)(s > 255 ? 255 : s);
    }
}

NOINLINE void vec_scale_int(unsigned *w, unsigned k, int n) {
    for (int i = 0; i < n; i++) w[i] = w[i] * k + (w[i] >> 3);
}

NOINLINE double mean(const double *x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += x[i];
    return s / (double)n;
}

NOINLINE double poly(double x) {
    return ((3.5 * x + 2.25) * x - 1.125) * x + 0.5;
}

NOINLINE double lerp(double a, double b, double t) {
    return a + (b - a) * t;
}

NOINLINE double hypot_sq(double x, double y) {
    return x * x + y * y;
}

NOINLINE int to_fixed(double v, int frac_bits) {
    return (int)(v * (double)(1 << frac_bits));
}

// Variable shifts: shlx/shrx with -mbmi2.
NOINLINE unsigned rotate_mix(unsigned x, unsigned s, unsigned t) {
    return (x << (s & 31)) ^ (x >> (t & 31));
}

NOINLINE unsigned long long shift_pack(unsigned long long v, unsigned s) {
    return (v << (s & 63)) | (v >> ((s + 7) & 63));
}

// Pure integer code with no shift and vectorization turned off: it stays legacy-encoded
// even in a whole-program build (a compiled_for heuristic sees a share, not 100 %).
NOINLINE int checksum(const unsigned *w, int n) {
    int c = 0;
#pragma clang loop vectorize(disable) interleave(disable)
    for (int i = 0; i < n; i++) c ^= (int)w[i] + i;
    return c;
}

NOINLINE void fill(void) {
    for (int i = 0; i < N; i++) {
        buf_a[i] = (float)i;
        buf_b[i] = (float)(N - i);
        samples[i] = (double)i * 0.5;
        words[i] = (unsigned)i * 2654435761u;
        bytes_a[i] = (unsigned char)(i * 7);
        bytes_b[i] = (unsigned char)(i * 13);
    }
}

int main(void) {
    fill();
    vec_add(buf_c, buf_a, buf_b, N);
    vec_fma(buf_c, buf_c, buf_a, 0.25f, N);
    float d = vec_dot(buf_a, buf_c, N);
    vec_scale_int(words, 7u, N);
    bytes_add_sat(bytes_a, bytes_a, bytes_b, N);
    double m = mean(samples, N);
    double p = poly(m);
    double l = lerp(p, (double)d, 0.125);
    double h = hypot_sq(l, m);
    int f = to_fixed(h, 8);
    unsigned r = rotate_mix((unsigned)f, words[3], words[5]);
    unsigned long long s = shift_pack(r, words[7]);
    return checksum(words, N) ^ (int)s ^ bytes_a[9];
}
