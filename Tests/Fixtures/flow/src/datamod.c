// x86-64 ELF Python-style extension module (freestanding), dispatching as numpy's manylinux
// build does: the only root is PyInit_datamod (a module's other exports are not roots), which
// returns a module definition whose exec slot is a function pointer in data. No direct call
// reaches datamod_exec, so the flow analysis cannot reach it from a root; it runs probe_cpu,
// then set_loops picks each loop by cpu_have(id), a getter that returns one element of the
// cpu_have_table array (numpy's npy_cpu_have / npy__cpu_have). The AVX2 loop calls
// add_avx2_tail, an exported default-visibility function in kernel_tail.c: the call goes
// through the PLT (a JUMP_SLOT against the module's own symbol).
#include "cpuid.h"
#define HIDDEN __attribute__((visibility("hidden"), noinline))
#define HIDDEN_DATA __attribute__((visibility("hidden")))

enum { FEATURE_AVX2 = 5, FEATURE_MAX = 64 };
HIDDEN_DATA unsigned char cpu_have_table[FEATURE_MAX];

HIDDEN void probe_cpu(void) {
    struct cpuid_regs l1 = flow_cpuid(1, 0);
    struct cpuid_regs l7 = flow_cpuid(7, 0);
    unsigned xcr0 = (l1.ecx & (1u << 27)) ? flow_xgetbv0() : 0;
    cpu_have_table[FEATURE_AVX2] = (l7.ebx & (1u << 5)) && (xcr0 & 6u) == 6u;
}

HIDDEN int cpu_have(int id) {
    if (id <= 0 || id >= FEATURE_MAX) return 0;
    return cpu_have_table[id];
}

typedef void (*loop_fn)(float *, const float *, int);
HIDDEN_DATA loop_fn add_loop;

HIDDEN void add_sse2(float *a, const float *b, int n) {
    for (int i = 0; i < n; i++) a[i] += b[i];
}

void add_avx2_tail(float *a, const float *b, int n);

__attribute__((target("avx2"))) HIDDEN void add_avx2(float *a, const float *b, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        __attribute__((vector_size(32))) float x, y;
        __builtin_memcpy(&x, a + i, 32);
        __builtin_memcpy(&y, b + i, 32);
        x += y;
        __builtin_memcpy(a + i, &x, 32);
    }
    add_avx2_tail(a + i, b + i, n - i);
}

HIDDEN void set_loops(void) {
    if (cpu_have(FEATURE_AVX2)) add_loop = add_avx2;
    else add_loop = add_sse2;
}

HIDDEN int datamod_exec(void *module) {
    (void)module;
    probe_cpu();
    set_loops();
    return 0;
}

struct slot { int id; void *value; };
struct module_def { const char *name; struct slot *slots; };
static struct slot datamod_slots[] = {{2, (void *)datamod_exec}, {0, 0}};
static struct module_def datamod_def = {"datamod", datamod_slots};

void *PyInit_datamod(void) { return &datamod_def; }
