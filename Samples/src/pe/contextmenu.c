/* ShellExt: an x64 in-process COM server (Explorer context-menu handler). Explorer on
 * Windows 11 on Arm is a native Arm64 process, so it cannot load this DLL. */
#include "win.h"

typedef void *HKEY;
IMPORT long RegCreateKeyExW(HKEY key, const WCHAR *sub, DWORD reserved, WCHAR *cls, DWORD options,
                            DWORD sam, void *security, HKEY *result, DWORD *disposition);
IMPORT long RegSetValueExW(HKEY key, const WCHAR *name, DWORD reserved, DWORD type,
                           const void *data, DWORD size);
IMPORT long RegDeleteTreeW(HKEY key, const WCHAR *sub);
IMPORT long RegCloseKey(HKEY key);

#define HKEY_CLASSES_ROOT ((HKEY)(long long)0x80000000)
static const WCHAR clsidKey[] = {'C', 'L', 'S', 'I', 'D', '\\', '{', 'A', 'R', 'M', 'R', 'E', 'A', 'D', 'Y', '}', 0};
static const WCHAR name[] = {'A', 'r', 'm', 'r', 'e', 'a', 'd', 'y', ' ', 'M', 'e', 'n', 'u', 0};
static long objects;

HRESULT DllGetClassObject(const GUID *clsid, const GUID *iid, void **out) {
    (void)clsid; (void)iid;
    *out = 0;
    return (HRESULT)0x80040111L; /* CLASS_E_CLASSNOTAVAILABLE */
}

HRESULT DllCanUnloadNow(void) { return objects == 0 ? 0 : 1; }

HRESULT DllRegisterServer(void) {
    HKEY key;
    if (RegCreateKeyExW(HKEY_CLASSES_ROOT, clsidKey, 0, 0, 0, 0x20006, 0, &key, 0) != 0)
        return (HRESULT)0x80004005L;
    RegSetValueExW(key, 0, 0, 1, name, sizeof name);
    RegCloseKey(key);
    return 0;
}

HRESULT DllUnregisterServer(void) { return RegDeleteTreeW(HKEY_CLASSES_ROOT, clsidKey) == 0 ? 0 : 1; }

int DllMain(void *instance, DWORD reason, void *reserved) {
    (void)instance; (void)reason; (void)reserved;
    return 1;
}
