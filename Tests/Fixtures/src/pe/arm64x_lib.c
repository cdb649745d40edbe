/* ARM64X fixture: compiled once for arm64 (native view) and once for arm64ec
 * (EC view) and linked with /machine:arm64x. */
__declspec(dllimport) unsigned long GetTickCount(void);

__declspec(dllexport) int HybridAdd(int a, int b) { return a + b; }
__declspec(dllexport) unsigned long HybridTicks(void) { return GetTickCount(); }
#ifdef __arm64ec__
__declspec(dllexport) int OnlyInEcView(void) { return 2; }
#else
__declspec(dllexport) int OnlyInNativeView(void) { return 1; }
#endif
