// glibc's malloc_trim, which Swift's Glibc module does not export (it lives in malloc.h).
//
// glibc serves blocks below its mmap threshold (which it raises as large blocks are freed, up
// to 32 MB) from its heaps, and keeps the pages of freed blocks resident. malloc_trim(0) gives
// back every whole free page of every arena.
#include "malloc_tuning.h"

#if defined(__linux__)
#include <malloc.h>  // glibc's; it defines __GLIBC__ through features.h
#endif

void armready_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
