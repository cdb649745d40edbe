// The SIGBUS guard for file mappings. Written in C because a signal handler must be
// async-signal-safe: no allocation, no locks, no runtime calls, which Swift cannot promise.
//
// A private mapping of a file that is truncated underneath raises SIGBUS on the first access
// to a page past the new end. The handler looks the address up among the registered mappings
// and, when it belongs to one, maps anonymous zero pages over the rest of that mapping
// (MAP_FIXED replaces the range atomically) and returns, so the faulting load is retried and
// reads zeros. The reader sees garbage, never a signal; the fault count tells the caller to
// discard what it read. Faults elsewhere go to the handler that was installed before ours
// (the Swift runtime's backtracer, or the default action).

#define _GNU_SOURCE
#include "fault_guard.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// More slots than concurrent mappings: one per worker thread, plus nested package entries.
#define SLOT_COUNT 1024

static _Atomic(uintptr_t) slot_base[SLOT_COUNT];
static _Atomic(size_t) slot_length[SLOT_COUNT];
static atomic_uint slot_faults[SLOT_COUNT];
static atomic_int slot_taken[SLOT_COUNT];

static struct sigaction previous_action;
static uintptr_t page_size;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int installed;

static void pass_on(int signal_number, siginfo_t *info, void *context) {
    if (previous_action.sa_flags & SA_SIGINFO) {
        if (previous_action.sa_sigaction) {
            previous_action.sa_sigaction(signal_number, info, context);
            return;
        }
    } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
        previous_action.sa_handler(signal_number);
        return;
    }
    // Default action: restore it and return; the faulting access runs again and ends the
    // process with SIGBUS as it would have without the guard.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal_number, &fallback, NULL);
}

static void on_bus_error(int signal_number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int slot = 0; slot < SLOT_COUNT; slot++) {
        uintptr_t base = atomic_load_explicit(&slot_base[slot], memory_order_acquire);
        if (base == 0 || address < base) continue;
        size_t length = atomic_load_explicit(&slot_length[slot], memory_order_relaxed);
        if (address - base >= length) continue;
        uintptr_t page = address & ~(page_size - 1);
        uintptr_t end = (base + length + page_size - 1) & ~(page_size - 1);
        void *zeros = mmap((void *)page, end - page, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros == MAP_FAILED) break;
        atomic_fetch_add_explicit(&slot_faults[slot], 1, memory_order_relaxed);
        return;
    }
    pass_on(signal_number, info, context);
}

static void install(void) {
    page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_bus_error;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    installed = sigaction(SIGBUS, &action, &previous_action) == 0;
}

int armready_fault_guard_register(const void *base, size_t length) {
    pthread_once(&install_once, install);
    if (!installed || base == NULL || length == 0) return -1;
    for (int slot = 0; slot < SLOT_COUNT; slot++) {
        int expected = 0;
        if (!atomic_compare_exchange_strong(&slot_taken[slot], &expected, 1)) continue;
        atomic_store_explicit(&slot_faults[slot], 0, memory_order_relaxed);
        atomic_store_explicit(&slot_length[slot], length, memory_order_relaxed);
        atomic_store_explicit(&slot_base[slot], (uintptr_t)base, memory_order_release);
        return slot;
    }
    return -1;
}

unsigned armready_fault_guard_faults(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) return 0;
    return atomic_load_explicit(&slot_faults[slot], memory_order_relaxed);
}

unsigned armready_fault_guard_unregister(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) return 0;
    atomic_store_explicit(&slot_base[slot], 0, memory_order_release);
    unsigned faults = atomic_load_explicit(&slot_faults[slot], memory_order_relaxed);
    atomic_store_explicit(&slot_taken[slot], 0, memory_order_release);
    return faults;
}
