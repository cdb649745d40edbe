/* LegacyVPN's packet filter: an x64 kernel-mode driver (/driver /subsystem:native)
 * importing ntoskrnl.exe and hal.dll. x64 emulation is user-mode only. */
typedef long NTSTATUS;
typedef struct { long long QuadPart; } LARGE_INTEGER;
__declspec(dllimport) unsigned long DbgPrint(const char *format, ...);
__declspec(dllimport) NTSTATUS IoCreateDevice(void *driver, unsigned long extension, void *name,
                                              unsigned long type, unsigned long chars,
                                              unsigned char exclusive, void **device);
__declspec(dllimport) void IoDeleteDevice(void *device);
__declspec(dllimport) LARGE_INTEGER KeQueryPerformanceCounter(LARGE_INTEGER *frequency);

static void *filterDevice;

NTSTATUS DriverEntry(void *driverObject, void *registryPath) {
    (void)registryPath;
    NTSTATUS status = IoCreateDevice(driverObject, 0, 0, 0x22, 0, 0, &filterDevice);
    if (status < 0) return status;
    LARGE_INTEGER now = KeQueryPerformanceCounter(0);
    DbgPrint("vpnfilter: loaded at %lld\n", now.QuadPart);
    return 0;
}

void DriverUnload(void *driverObject) {
    (void)driverObject;
    if (filterDevice) IoDeleteDevice(filterDevice);
}
