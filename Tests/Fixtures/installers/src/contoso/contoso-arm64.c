/* Native ARM64 console program importing contoso-core.dll, which msi-arm64-x64dll.msi ships as
   x64: an Arm64 process cannot load an x64 DLL, so the installed product cannot start. */
__declspec(dllimport) int ContosoCoreVersion(void);
__declspec(dllimport) void ExitProcess(unsigned code);

void mainCRTStartup(void) { ExitProcess((unsigned)ContosoCoreVersion()); }
