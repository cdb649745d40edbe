/* PhotoTool's image codec, shipped as x64 only: the ARM64 phototool.exe imports it by
 * name, and an Arm64 process cannot load an x64 DLL. */
#include "win.h"

EXPORT int CodecDecodeImage(const unsigned char *in, unsigned size, unsigned char *out) {
    unsigned i;
    for (i = 0; i < size; i++) out[i] = (unsigned char)(in[i] ^ 0x5A);
    return (int)size;
}

EXPORT int CodecEncodeImage(const unsigned char *in, unsigned size, unsigned char *out) {
    return CodecDecodeImage(in, size, out);
}
