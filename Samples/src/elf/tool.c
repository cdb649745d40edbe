/* LinuxTools: one small command-line tool built for aarch64 and x86-64 Linux. It is
 * freestanding (no sysroot on the build machine) but links a stub libc.so.6 so it has
 * an interpreter and DT_NEEDED libc.so.6 like a normal distribution binary. */
int puts(const char *text);

static void sys_exit(int code) {
#if defined(__x86_64__)
    __asm__ volatile("syscall" : : "a"(60), "D"(code));
#elif defined(__aarch64__)
    register long x0 __asm__("x0") = code;
    register long x8 __asm__("x8") = 93;
    __asm__ volatile("svc 0" : : "r"(x0), "r"(x8));
#endif
    for (;;) {
    }
}

__attribute__((noinline)) unsigned checksum(const volatile unsigned char *data, int n) {
    unsigned sum = 0;
    for (int i = 0; i < n; i++)
        sum = (sum << 5) + sum + data[i];
    return sum;
}

void _start(void) {
    static const volatile unsigned char data[] = "armready";
    puts("tool: checksum");
    sys_exit(checksum(data, 8) == 0 ? 1 : 0);
}
