/* x64 GUI-subsystem program importing user32.dll and kernel32.dll. */
__declspec(dllimport) void ExitProcess(unsigned code);
__declspec(dllimport) int MessageBoxA(void *owner, const char *text, const char *caption,
                                      unsigned type);

void WinMainCRTStartup(void) {
    MessageBoxA(0, "armready x64 GUI fixture", "armready", 0);
    ExitProcess(0);
}
