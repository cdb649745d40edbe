#ifndef ARMREADY_MALLOC_TUNING_H
#define ARMREADY_MALLOC_TUNING_H

/// Gives blocks of at least `bytes` their own mapping, returned to the system when freed
/// (glibc `M_MMAP_THRESHOLD`; nothing elsewhere). Call once, before any thread starts.
void armready_map_large_blocks(int bytes);

#endif
