// Windows Arm64 DLL: the export flow_sum calls the SVE kernel with no feature check, so
// SVE is required (Snapdragon X gen 1 has none). flow_sum_neon keeps the NEON kernel in the
// image, exported, so both DLLs hold the same kernels.
float sum_sve(const float *x, int n);
float sum_neon(const float *x, int n);

// Clang's MSVC target references _fltused whenever floating point is used.
int _fltused = 0;

__declspec(dllexport) float flow_sum(const float *x, int n) { return sum_sve(x, n); }
__declspec(dllexport) float flow_sum_neon(const float *x, int n) { return sum_neon(x, n); }
