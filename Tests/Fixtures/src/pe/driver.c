/* Kernel-driver-like image (built for x64 and ARM64 with /driver
 * /subsystem:native): imports from ntoskrnl.exe and hal.dll. */
typedef long NTSTATUS;
typedef struct { long long QuadPart; } LARGE_INTEGER;
__declspec(dllimport) unsigned long DbgPrint(const char *format, ...);
__declspec(dllimport) LARGE_INTEGER KeQueryPerformanceCounter(LARGE_INTEGER *frequency);

NTSTATUS DriverEntry(void *driverObject, void *registryPath) {
    (void)driverObject;
    (void)registryPath;
    LARGE_INTEGER now = KeQueryPerformanceCounter(0);
    DbgPrint("armready driver fixture %lld\n", now.QuadPart);
    return 0;
}
