/* Freestanding program shared by the ELF executable fixtures. It is never run;
 * it only has to give each architecture's linker a real entry point, a few
 * sized FUNC symbols and, when USE_LIBC is defined, one libc.so.6 import. */
#ifdef USE_LIBC
int puts(const char *text);
#endif

static void sys_exit(int code) {
#if defined(__x86_64__)
    __asm__ volatile("syscall" : : "a"(60), "D"(code));
#elif defined(__i386__)
    __asm__ volatile("int $0x80" : : "a"(1), "b"(code));
#elif defined(__aarch64__)
    register long x0 __asm__("x0") = code;
    register long x8 __asm__("x8") = 93;
    __asm__ volatile("svc 0" : : "r"(x0), "r"(x8));
#elif defined(__arm__)
    register long r0 __asm__("r0") = code;
    register long r7 __asm__("r7") = 1;
    __asm__ volatile("svc 0" : : "r"(r0), "r"(r7));
#elif defined(__riscv)
    register long a0 __asm__("a0") = code;
    register long a7 __asm__("a7") = 93;
    __asm__ volatile("ecall" : : "r"(a0), "r"(a7));
#endif
    for (;;) {
    }
}

__attribute__((noinline)) int fixture_square(int x) { return x * x; }

__attribute__((noinline)) int fixture_sum(const volatile int *values, int count) {
    int total = 0;
    for (int i = 0; i < count; i++)
        total += fixture_square(values[i]);
    return total;
}

void _start(void) {
    static const volatile int values[4] = {1, 2, 3, 4};
#ifdef USE_LIBC
    puts("armready ELF fixture");
#endif
    sys_exit(fixture_sum(values, 4) == 30 ? 0 : 1);
}
