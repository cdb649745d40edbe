/* AudioHost's reverb plug-in, compiled twice (arm64 and arm64ec) and linked as one
 * ARM64X DLL, so both an Arm64 host and an x64/EC host can load it. */
typedef struct { float feedback; float delay[512]; unsigned pos; } Reverb;
static Reverb instance;

__declspec(dllexport) Reverb *ReverbCreate(float feedback) {
    instance.feedback = feedback;
    instance.pos = 0;
    return &instance;
}

__declspec(dllexport) void ReverbProcess(Reverb *r, float *samples, unsigned count) {
    unsigned i;
    for (i = 0; i < count; i++) {
        float echo = r->delay[r->pos];
        r->delay[r->pos] = samples[i] + echo * r->feedback;
        samples[i] += echo;
        r->pos = (r->pos + 1) % 512;
    }
}

int _fltused = 0;
