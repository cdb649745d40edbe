#ifndef ARMREADY_CMSPACK_SHIM_H
#define ARMREADY_CMSPACK_SHIM_H
#include <stddef.h>
#include <sys/types.h>
#include <mspack.h>

/* MSPACK_SYS_SELFTEST is a function-like macro, which Swift cannot call: it checks that the
 * caller's off_t is the library's (the seek callback's offset argument). */
static inline int armready_mspack_selftest(void) {
    int result;
    MSPACK_SYS_SELFTEST(result);
    return result;
}

/* mspack_system.message is variadic, which Swift cannot implement. Messages are dropped: the
 * "filename" armready passes is an opaque pointer, not a string, so a message that formatted
 * it with %s would read garbage; errors come back through last_error instead. */
static inline void armready_mspack_ignore_message(struct mspack_file *file, const char *format, ...) {
    (void)file;
    (void)format;
}

static inline void armready_mspack_set_quiet(struct mspack_system *system) {
    system->message = armready_mspack_ignore_message;
}
#endif
