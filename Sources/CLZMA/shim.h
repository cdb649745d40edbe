#ifndef ARMREADY_CLZMA_SHIM_H
#define ARMREADY_CLZMA_SHIM_H
#include <lzma.h>

/* LZMA_STREAM_INIT is a compound-literal macro, which Swift cannot use. */
static inline lzma_stream armready_lzma_stream_init(void) {
    lzma_stream stream = LZMA_STREAM_INIT;
    return stream;
}
#endif
