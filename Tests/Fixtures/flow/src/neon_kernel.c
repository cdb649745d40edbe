// The NEON fallback, compiled for the Armv8-A baseline (Advanced SIMD is part of it).
float sum_neon(const float *x, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}
