/* User-mode native-subsystem program (like smss.exe or autochk.exe): subsystem
 * native, imports only ntdll.dll, and is NOT a driver. */
typedef long NTSTATUS;
typedef struct {
    unsigned short Length;
    unsigned short MaximumLength;
    unsigned short *Buffer;
} UNICODE_STRING;
__declspec(dllimport) void RtlInitUnicodeString(UNICODE_STRING *dest, const unsigned short *src);
__declspec(dllimport) NTSTATUS NtDisplayString(UNICODE_STRING *text);
__declspec(dllimport) NTSTATUS NtTerminateProcess(void *process, NTSTATUS status);

void NtProcessStartup(void *peb) {
    (void)peb;
    static const unsigned short text[] = {'a', 'r', 'm', 'r', 'e', 'a', 'd', 'y', '\n', 0};
    UNICODE_STRING s;
    RtlInitUnicodeString(&s, text);
    NtDisplayString(&s);
    NtTerminateProcess((void *)-1, 0);
}
