/* NativeEditor's document engine: an ARM64 DLL that editor.exe imports by name. */
#include "win.h"

typedef struct { char text[4096]; unsigned length; } Document;
static Document documents[4];

EXPORT Document *CoreOpenDocument(unsigned slot) {
    if (slot >= 4) return 0;
    documents[slot].length = 0;
    return &documents[slot];
}

EXPORT unsigned CoreInsertText(Document *doc, const char *text) {
    while (*text && doc->length < sizeof doc->text - 1)
        doc->text[doc->length++] = *text++;
    doc->text[doc->length] = 0;
    return doc->length;
}

EXPORT void CoreCloseDocument(Document *doc) { doc->length = 0; }
