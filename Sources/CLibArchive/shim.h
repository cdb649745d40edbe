#ifndef ARMREADY_CLIBARCHIVE_SHIM_H
#define ARMREADY_CLIBARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

/* AE_IFREG is a cast macro, which Swift does not import. */
static inline int armready_archive_entry_is_regular(struct archive_entry *entry) {
    return archive_entry_filetype(entry) == AE_IFREG;
}
#endif
