/* x64 console program that exists to carry resources: a VERSIONINFO block and
 * an embedded application manifest (see versioned_app.rc). */
__declspec(dllimport) void ExitProcess(unsigned code);

void mainCRTStartup(void) { ExitProcess(0); }
