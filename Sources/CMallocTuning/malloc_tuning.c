// glibc's mallopt, which Swift's Glibc module does not export (it lives in malloc.h).
//
// By default glibc raises its mmap threshold each time a mapped block is freed (up to 32 MB),
// so a program that allocates and frees many large arrays ends up serving them from its heaps,
// whose freed pages stay resident. A fixed threshold keeps large arrays mapped: freeing one
// gives its pages back at once.
#include "malloc_tuning.h"

#if defined(__linux__)
#include <malloc.h>  // glibc's; it defines __GLIBC__ through features.h
#endif

void armready_map_large_blocks(int bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
#endif
}
