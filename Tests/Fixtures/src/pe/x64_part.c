/* x64 code linked into the ARM64EC fixture DLL, so its code map has an x64
 * range next to the ARM64EC one. */
__declspec(dllexport) int X64Multiply(int a, int b) { return a * b; }
