/* DataViewer's database engine, a NuGet native asset shipped for win-x64 only. */
#include "win.h"

EXPORT int sqlite3_libversion_number(void) { return 3045001; }

EXPORT int sqlite3_open(const char *name, void **db) {
    *db = (void *)name;
    return name ? 0 : 1;
}
