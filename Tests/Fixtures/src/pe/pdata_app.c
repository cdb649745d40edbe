/* x64 program with non-leaf functions, so the image has an exception
 * directory (.pdata) with one RUNTIME_FUNCTION per non-leaf function. */
__declspec(dllimport) void ExitProcess(unsigned code);
__declspec(dllimport) unsigned long GetTickCount(void);

__declspec(noinline) unsigned long Leaf(unsigned long x) { return x * 3u + 1u; }

__declspec(noinline) unsigned long Middle(unsigned long x) {
    volatile unsigned long buffer[8];
    for (unsigned long i = 0; i < 8; i++)
        buffer[i] = Leaf(x + i) + GetTickCount();
    return buffer[x & 7];
}

__declspec(noinline) unsigned long Outer(unsigned long x) { return Middle(x) + Middle(x + 1); }

void mainCRTStartup(void) { ExitProcess((unsigned)Outer(GetTickCount())); }
