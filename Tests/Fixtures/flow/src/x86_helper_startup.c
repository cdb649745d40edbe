// 32-bit x86 helper whose only CPUID is the start-up probe in crt_startup.c: a baseline
// (SSE2) program with no CPU check of its own and no extension beyond the baseline.
#define N 512
#define NOINLINE __attribute__((noinline))

unsigned values[N];

NOINLINE unsigned checksum_plain(const unsigned *v, int n) {
    unsigned s = 0;
    for (int i = 0; i < n; i++) s += v[i] * 31u;
    return s;
}

int main(void) {
    for (int i = 0; i < N; i++) values[i] = (unsigned)i;
    return (int)(checksum_plain(values, N) & 0x7f);
}
