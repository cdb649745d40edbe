/* Native ARM64 DLL with two exports and a kernel32.dll import. */
__declspec(dllimport) unsigned long GetTickCount(void);

__declspec(dllexport) int Arm64Add(int a, int b) { return a + b; }
__declspec(dllexport) unsigned long Arm64Ticks(void) { return GetTickCount(); }
