/* i686 console program: static imports from kernel32.dll and one delay-load
 * import from user32.dll (linked with /delayload:user32.dll). */
typedef void *HANDLE;
__declspec(dllimport) void __stdcall ExitProcess(unsigned code);
__declspec(dllimport) HANDLE __stdcall GetStdHandle(unsigned long which);
__declspec(dllimport) int __stdcall WriteFile(HANDLE h, const void *buf, unsigned long n,
                                              unsigned long *written, void *overlapped);
__declspec(dllimport) int __stdcall MessageBoxA(void *owner, const char *text,
                                                const char *caption, unsigned type);

/* Stand-in for the MSVC delay-load helper; the fixture is never run, it only has
 * to give lld-link the symbol it wires the delay-load thunks to. */
void *__stdcall __delayLoadHelper2(const void *descriptor, void **iatSlot) {
    (void)descriptor;
    return *iatSlot;
}

void __cdecl mainCRTStartup(void) {
    static const char text[] = "armready x86 fixture\n";
    unsigned long written = 0;
    WriteFile(GetStdHandle((unsigned long)-11), text, sizeof text - 1, &written, 0);
    if (written == 0)
        MessageBoxA(0, text, "armready", 0);
    ExitProcess(0);
}
