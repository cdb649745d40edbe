/* Native ARM64 console program importing kernel32.dll. */
typedef void *HANDLE;
__declspec(dllimport) void ExitProcess(unsigned code);
__declspec(dllimport) HANDLE GetStdHandle(unsigned long which);
__declspec(dllimport) int WriteFile(HANDLE h, const void *buf, unsigned long n,
                                    unsigned long *written, void *overlapped);

void mainCRTStartup(void) {
    static const char text[] = "armready arm64 fixture\n";
    unsigned long written = 0;
    WriteFile(GetStdHandle((unsigned long)-11), text, sizeof text - 1, &written, 0);
    ExitProcess(0);
}
