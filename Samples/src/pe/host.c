/* AudioHost (x64): a plain x64 host that imports reverb.dll, an ARM64X plug-in
 * beside it; the x64 process loads the plug-in's EC view. */
#include "win.h"

typedef struct Reverb Reverb;
IMPORT Reverb *ReverbCreate(float feedback);
IMPORT void ReverbProcess(Reverb *r, float *samples, unsigned count);

static float buffer[256];
int _fltused = 0;

void mainCRTStartup(void) {
    Reverb *r = ReverbCreate(0.5f);
    ReverbProcess(r, buffer, 256);
    say("processed one buffer\n");
    ExitProcess(0);
}
