// The smallest start-up for the freestanding PE fixtures: no CPU probe at all, so the only
// CPUID in the image is the one the fixture's own code runs. Compiled for the baseline.
__declspec(dllimport) void __stdcall ExitProcess(unsigned code);
int main(void);

int _fltused = 0;

void mainCRTStartup(void) {
    ExitProcess((unsigned)main());
}
