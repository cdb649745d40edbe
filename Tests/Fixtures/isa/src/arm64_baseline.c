/* ISA fixture: plain Armv8.0-A code, no extension beyond the base. Freestanding; entry `start`. */
long table[64];
long start(long n) {
    long s = 0;
    for (long i = 0; i < n && i < 64; i++) s += table[i] * (i + 3);
    return s;
}
