#ifndef ARMREADY_CZLIB_SHIM_H
#define ARMREADY_CZLIB_SHIM_H
#include <zlib.h>
#endif
