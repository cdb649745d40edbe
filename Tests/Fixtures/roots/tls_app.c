/* Console program with two TLS callbacks, one export, kernel32 imports (one by
 * ordinal) and a delay-loaded user32 import, for the code roots and import slots
 * (issue 11). Built for x64 (PE32+) and x86 (PE32) by build.sh; never run. */
typedef void *HANDLE;
typedef void(__stdcall *TLSCallback)(void *module, unsigned long reason, void *reserved);
__declspec(dllimport) void __stdcall ExitProcess(unsigned code);
__declspec(dllimport) unsigned long __stdcall GetTickCount(void);
__declspec(dllimport) void __stdcall Sleep(unsigned long ms);
__declspec(dllimport) int __stdcall MessageBeep(unsigned type);

static volatile unsigned long seen;

static void __stdcall first_callback(void *module, unsigned long reason, void *reserved) {
    (void)module, (void)reserved;
    seen += reason;
}

static void __stdcall second_callback(void *module, unsigned long reason, void *reserved) {
    (void)module, (void)reserved;
    seen ^= reason + GetTickCount();
}

/* The TLS directory the loader reads (IMAGE_TLS_DIRECTORY): lld-link points the
 * TLS data directory at _tls_used. The callbacks sit in .CRT$XLB/$XLC between
 * the $XLA/$XLZ markers, as the MSVC CRT lays it out; its NULL end is $XLZ. */
#pragma section(".tls", read, write)
#pragma section(".tls$ZZZ", read, write)
#pragma section(".CRT$XLA", read)
#pragma section(".CRT$XLB", read)
#pragma section(".CRT$XLC", read)
#pragma section(".CRT$XLZ", read)
__declspec(allocate(".tls")) char _tls_start = 0;
__declspec(allocate(".tls$ZZZ")) char _tls_end = 0;
__declspec(allocate(".CRT$XLA")) const TLSCallback __xl_a = 0;
/* One pointer per section: an array would be 16-byte aligned on x64, leaving a
 * NULL gap after $XLA that ends the list early. */
__declspec(allocate(".CRT$XLB")) const TLSCallback tls_first = first_callback;
__declspec(allocate(".CRT$XLC")) const TLSCallback tls_second = second_callback;
__declspec(allocate(".CRT$XLZ")) const TLSCallback __xl_z = 0;
unsigned long _tls_index = 0;

struct TLSDirectory {
    const void *start, *end, *index, *callbacks;
    unsigned long zeroFill, characteristics;
};
const struct TLSDirectory _tls_used = {&_tls_start, &_tls_end, &_tls_index, &__xl_a + 1, 0, 0};

/* Stand-in for the MSVC delay-load helper (see x86_console.c). */
void *__stdcall __delayLoadHelper2(const void *descriptor, void **iatSlot) {
    (void)descriptor;
    return *iatSlot;
}

__declspec(dllexport) unsigned long exported_ticks(void) { return GetTickCount() + seen; }

void __cdecl mainCRTStartup(void) {
    Sleep(1);
    if (exported_ticks() == 0)
        MessageBeep(0);
    ExitProcess(0);
}
