/* Every kind of ELF code root and import slot (issue 11), for x86-64, i386 and
 * AArch64: the entry point (_start), an exported function, an IFUNC (its resolver
 * is an IRELATIVE addend, or the slot's value for SHT_REL), a constructor and a
 * destructor (.init_array/.fini_array slots that a PIE fills by R_*_RELATIVE),
 * _init/_fini (DT_INIT/DT_FINI), a
 * PLT call (JUMP_SLOT) and address-taken imports (GLOB_DAT). Built by build.sh
 * with clang and ld.lld against stub.c's shared object; never run. */
extern int imported_function(int);
extern int imported_data;
extern int imported_address_taken(int);

static int add_plain(int x) { return x + 1; }
static int add_fast(int x) { return x + 2; }

/* The resolver picks by a value the loader does not know: enough for a fixture. */
static int (*resolve_add(void))(int) { return imported_data ? add_fast : add_plain; }
int add(int) __attribute__((ifunc("resolve_add")));

int exported_twice(int x) { return add(x) + imported_function(x); }

static int (*volatile keep)(int);
__attribute__((constructor)) static void construct(void) { keep = imported_address_taken; }
__attribute__((destructor)) static void destruct(void) { keep = 0; }

/* ld.lld points DT_INIT and DT_FINI at these names. */
void _init(void) { keep = add_plain; }
void _fini(void) { keep = add_fast; }

void _start(void) {
    exported_twice(imported_data);
    for (;;) {}
}
