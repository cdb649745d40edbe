/* The product's core library, built for x64 only (the packaging mistake the MSI fixture shows). */
__declspec(dllexport) int ContosoCoreVersion(void) { return 1; }
