/* PhotoTool (ARM64): imports codec.dll by name; the codec beside it is x64. */
#include "win.h"

IMPORT int CodecDecodeImage(const unsigned char *in, unsigned size, unsigned char *out);
IMPORT int CodecEncodeImage(const unsigned char *in, unsigned size, unsigned char *out);

static unsigned char image[256], pixels[256];

void mainCRTStartup(void) {
    int n = CodecDecodeImage(image, sizeof image, pixels);
    n += CodecEncodeImage(pixels, sizeof pixels, image);
    say(n == 512 ? "photo round-tripped\n" : "codec error\n");
    ExitProcess(0);
}
