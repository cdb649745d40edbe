/* Link-time stand-in for glibc: built as a shared object with SONAME
 * libc.so.6 so the executables get DT_NEEDED libc.so.6 without a sysroot.
 * It is never committed or loaded. */
int puts(const char *text) {
    (void)text;
    return 0;
}
