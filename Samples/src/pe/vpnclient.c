/* LegacyVPN's user-mode client (x64): talks to its kernel filter driver through
 * \\.\VpnFilter with DeviceIoControl. It runs under Prism; the driver cannot load. */
#include "win.h"

IMPORT HANDLE CreateFileW(const WCHAR *name, DWORD access, DWORD share, void *security,
                          DWORD disposition, DWORD flags, HANDLE templ);
IMPORT int DeviceIoControl(HANDLE h, DWORD code, void *in, DWORD inSize, void *out,
                           DWORD outSize, DWORD *returned, void *overlapped);
IMPORT int CloseHandle(HANDLE h);

static const WCHAR device[] = {'\\', '\\', '.', '\\', 'V', 'p', 'n', 'F', 'i', 'l', 't', 'e', 'r', 0};

void mainCRTStartup(void) {
    HANDLE h = CreateFileW(device, 0xC0000000u, 0, 0, 3, 0, 0);
    if (h == (HANDLE)-1) {
        say("VpnFilter driver is not loaded: tunnel unavailable\n");
        ExitProcess(1);
    }
    DWORD state = 0, got = 0;
    DeviceIoControl(h, 0x222004u, 0, 0, &state, sizeof state, &got, 0);
    say(state ? "tunnel up\n" : "tunnel down\n");
    CloseHandle(h);
    ExitProcess(0);
}
