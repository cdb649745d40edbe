/* The few Win32 declarations the samples use (there is no Windows SDK on the build
 * machine). WINAPI is __stdcall on x86 so the imports match kernel32_x86.def's
 * decorated names; other targets ignore it. */
#ifndef SAMPLES_WIN_H
#define SAMPLES_WIN_H
#define WINAPI __stdcall
#define IMPORT __declspec(dllimport)
#define EXPORT __declspec(dllexport)
typedef void *HANDLE;
typedef unsigned long DWORD;
typedef unsigned short WCHAR;
typedef long HRESULT;
typedef struct { unsigned char bytes[16]; } GUID;

IMPORT void WINAPI ExitProcess(unsigned code);
IMPORT HANDLE WINAPI GetStdHandle(DWORD which);
IMPORT int WINAPI WriteFile(HANDLE h, const void *buf, DWORD n, DWORD *written, void *overlapped);

/* Writes a NUL-terminated string to standard output. */
static inline void say(const char *text) {
    DWORD length = 0, written = 0;
    while (text[length]) length++;
    WriteFile(GetStdHandle((DWORD)-11), text, length, &written, 0);
}
#endif
