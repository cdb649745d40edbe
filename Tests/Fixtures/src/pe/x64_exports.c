/* x64 DLL whose exports come from x64_exports.def: named, ordinal-pinned,
 * NONAME, DATA and a forwarder to kernel32.Sleep. */
int AddNumbers(int a, int b) { return a + b; }
int MultiplyNumbers(int a, int b) { return a * b; }
int HiddenByOrdinal(void) { return 7; }
int DataValue = 42;
