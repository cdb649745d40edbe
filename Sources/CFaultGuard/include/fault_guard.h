#ifndef ARMREADY_FAULT_GUARD_H
#define ARMREADY_FAULT_GUARD_H

#include <stddef.h>

/// Registers the file mapping [base, base + length) with the SIGBUS guard, installing the
/// guard's handler on first use. A read of a page that no longer has file data behind it (the
/// file shrank after it was mapped, or the device failed) then reads zeros instead of killing
/// the process, and the fault is counted for this mapping.
/// Returns a slot number, or -1 when every slot is taken (the caller must then not map).
int armready_fault_guard_register(const void *base, size_t length);

/// How many faults the guard has absorbed in `slot`'s mapping so far.
unsigned armready_fault_guard_faults(int slot);

/// Forgets `slot`; call before unmapping. Returns the mapping's fault count.
unsigned armready_fault_guard_unregister(int slot);

#endif
