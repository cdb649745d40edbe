/* ARM64EC part of the ARM64EC fixture DLL: EC code that exports functions,
 * imports kernel32.dll and calls into the x64 object (x64_part.c). */
__declspec(dllimport) unsigned long GetTickCount(void);
int X64Multiply(int a, int b);

__declspec(dllexport) int EcAdd(int a, int b) { return a + b; }
__declspec(dllexport) unsigned long EcTicks(void) { return GetTickCount(); }
__declspec(dllexport) int EcCallsX64(int a) { return X64Multiply(a, 3); }
