/* Link-time stand-in for glibc (SONAME libc.so.6); never committed or loaded. */
int puts(const char *text) {
    (void)text;
    return 0;
}
