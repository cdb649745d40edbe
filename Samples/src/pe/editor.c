/* NativeEditor's ARM64 front end: imports core.dll (its own engine) and kernel32.dll. */
#include "win.h"

typedef struct Document Document;
IMPORT Document *CoreOpenDocument(unsigned slot);
IMPORT unsigned CoreInsertText(Document *doc, const char *text);
IMPORT void CoreCloseDocument(Document *doc);

void mainCRTStartup(void) {
    Document *doc = CoreOpenDocument(0);
    unsigned n = CoreInsertText(doc, "hello from an Arm64 editor\n");
    say(n ? "document ready\n" : "empty document\n");
    CoreCloseDocument(doc);
    ExitProcess(0);
}
