// Baseline fallback for mingw_main.c, in its own file so GCC cannot merge it with the kernel.
void scale_plain(int *x, int k, int n) {
    for (int i = 0; i < n; i++) x[i] = x[i] * k + k;
}
