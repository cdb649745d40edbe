/* LegacyInstaller's helper for Windows RT: 32-bit Arm (Thumb-2, machine ARMNT 0x1C4). */
#include "win.h"

void mainCRTStartup(void) {
    say("configuring Windows RT device\n");
    ExitProcess(0);
}
