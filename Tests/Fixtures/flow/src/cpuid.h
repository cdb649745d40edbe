// CPUID and XGETBV as inline asm, so that no compiler builtin or libgcc probe is involved:
// the probe sites in these fixtures are exactly the ones written here.
#ifndef FLOW_CPUID_H
#define FLOW_CPUID_H

struct cpuid_regs {
    unsigned eax, ebx, ecx, edx;
};

static inline struct cpuid_regs flow_cpuid(unsigned leaf, unsigned subleaf) {
    struct cpuid_regs r;
    __asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
    return r;
}

// XGETBV(0): the low word of XCR0 (the high word is not needed by any fixture).
static inline unsigned flow_xgetbv0(void) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return lo;
}

#endif
