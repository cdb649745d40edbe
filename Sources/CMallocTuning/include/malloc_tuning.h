#ifndef ARMREADY_MALLOC_TUNING_H
#define ARMREADY_MALLOC_TUNING_H

/// Gives the pages of freed heap memory back to the system (glibc `malloc_trim(0)`; nothing
/// elsewhere). glibc keeps freed blocks resident for reuse; a step that has just freed tens of
/// MB it will not allocate again calls this.
void armready_release_free_memory(void);

#endif
