/* LegacyInstaller's x86 (i686) setup program: starts its helper and waits for it. */
#include "win.h"

typedef struct { DWORD cb; void *reserved[8]; DWORD pad[8]; } STARTUPINFOW;
typedef struct { HANDLE process, thread; DWORD pid, tid; } PROCESS_INFORMATION;
IMPORT int WINAPI CreateProcessW(const WCHAR *app, WCHAR *cmd, void *pa, void *ta, int inherit,
                                 DWORD flags, void *env, const WCHAR *dir, STARTUPINFOW *si,
                                 PROCESS_INFORMATION *pi);
IMPORT DWORD WINAPI WaitForSingleObject(HANDLE h, DWORD ms);
IMPORT int WINAPI CloseHandle(HANDLE h);

static WCHAR helper[] = {'a', 'r', 'm', 'h', 'e', 'l', 'p', 'e', 'r', '.', 'e', 'x', 'e', 0};

void mainCRTStartup(void) {
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    say("installing...\n");
    if (CreateProcessW(0, helper, 0, 0, 0, 0, 0, 0, &si, &pi)) {
        WaitForSingleObject(pi.process, 0xFFFFFFFFu);
        CloseHandle(pi.process);
        CloseHandle(pi.thread);
    }
    ExitProcess(0);
}
