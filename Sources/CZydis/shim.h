#ifndef ARMREADY_CZYDIS_SHIM_H
#define ARMREADY_CZYDIS_SHIM_H
#include <Zydis/Zydis.h>
#endif
