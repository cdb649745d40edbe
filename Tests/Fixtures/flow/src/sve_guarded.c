// Windows Arm64 DLL: the export flow_sum calls the SVE kernel only when
// IsProcessorFeaturePresent(PF_ARM_SVE_INSTRUCTIONS_AVAILABLE = 46) says so, else NEON.
__declspec(dllimport) int __stdcall IsProcessorFeaturePresent(unsigned feature);
float sum_sve(const float *x, int n);
float sum_neon(const float *x, int n);

// Clang's MSVC target references _fltused whenever floating point is used.
int _fltused = 0;

#define PF_ARM_SVE_INSTRUCTIONS_AVAILABLE 46

__declspec(dllexport) float flow_sum(const float *x, int n) {
    if (IsProcessorFeaturePresent(PF_ARM_SVE_INSTRUCTIONS_AVAILABLE))
        return sum_sve(x, n);
    return sum_neon(x, n);
}
