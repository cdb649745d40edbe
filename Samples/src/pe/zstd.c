/* DataViewer's compressor, a NuGet native asset shipped for win-x64 and win-arm64. */
#include "win.h"

EXPORT unsigned ZSTD_versionNumber(void) { return 10506; }

EXPORT unsigned long ZSTD_compressBound(unsigned long size) { return size + (size >> 8) + 64; }
