/* x64 console program linked with /debug so the image carries a CodeView
 * (RSDS) debug directory entry naming its PDB. */
__declspec(dllimport) void ExitProcess(unsigned code);

void mainCRTStartup(void) { ExitProcess(0); }
