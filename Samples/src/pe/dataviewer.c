/* DataViewer's Arm64 application host, as `dotnet publish -r win-arm64` writes one: the .NET
 * runtime it starts loads the NuGet native assets under runtimes/<rid>/native for the
 * process's own runtime identifier (win-arm64) when managed code first calls into them
 * (P/Invoke), so they are not in its import table. */
#include "win.h"

void mainCRTStartup(void) {
    say("data viewer: the runtime loads runtimes/win-arm64/native/*.dll on first use\n");
    ExitProcess(0);
}
