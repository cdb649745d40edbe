// A CRT-style start-up for the freestanding PE fixtures (x64 and x86). It is always compiled
// for the baseline (no -mavx2): like MSVC's __isa_available_init, it probes the CPU (CPUID
// leaves 0, 1 and 7, then XGETBV) and stores what it found into globals. Nothing in the
// program ever reads those globals, and the probe itself has no branch: it is a start-up
// probe without a consumer, which is not a dispatch guard.
#include "cpuid.h"

__declspec(dllimport) void __stdcall ExitProcess(unsigned code);
int main(void);

// Clang's MSVC target references _fltused whenever floating point is used.
int _fltused = 0;

// Written once at start-up, never read (volatile so the stores stay).
volatile unsigned __isa_max_leaf;
volatile unsigned __isa_vendor_is_intel;
volatile unsigned __isa_leaf1_ecx;
volatile unsigned __isa_leaf1_edx;
volatile unsigned __isa_leaf7_ebx;
volatile unsigned __isa_xcr0;

__attribute__((noinline)) void __isa_available_init(void) {
    struct cpuid_regs v = flow_cpuid(0, 0);
    __isa_max_leaf = v.eax;
    // "GenuineIntel" = EBX 0x756e6547, EDX 0x49656e69, ECX 0x6c65746e, compared without a branch.
    __isa_vendor_is_intel = ((v.ebx ^ 0x756e6547u) | (v.edx ^ 0x49656e69u) | (v.ecx ^ 0x6c65746eu)) == 0;
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    __isa_leaf1_ecx = l1.ecx;
    __isa_leaf1_edx = l1.edx;
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    __isa_leaf7_ebx = l7.ebx;
    // Unconditional, like the rest: these fixtures are for static analysis and are not meant
    // to run on CPUs without OSXSAVE.
    __isa_xcr0 = flow_xgetbv0();
}

void mainCRTStartup(void) {
    __isa_available_init();
    ExitProcess((unsigned)main());
}
