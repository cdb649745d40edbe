// AArch64 functions for AArch64FunctionDecoderTests: one dispatch idiom each
// (cpu-dispatch.md section 4). Every label the tests name is global, so llvm-nm gives
// its address. Linked at fixed addresses by build.sh.
        .arch armv9-a+sve
        .text
        .p2align 2

        .macro fn name
        .globl \name
        .type \name, %function
\name:
        .endm
        .macro label name
        .globl \name
\name:
        .endm

// Windows: IsProcessorFeaturePresent(PF_ARM_SVE_INSTRUCTIONS_AVAILABLE = 46) via an import thunk.
fn ipfp_check
        stp     x29, x30, [sp, #-16]!
        mov     w0, #46
        bl      ipfp_thunk
        cbz     w0, ipfp_fallback
label ipfp_present
        ldp     x29, x30, [sp], #16
        b       sve_kernel
label ipfp_fallback
        ldp     x29, x30, [sp], #16
        b       scalar_kernel
        .size ipfp_check, .-ipfp_check

fn ipfp_thunk
        adrp    x16, __imp_IsProcessorFeaturePresent
        ldr     x16, [x16, :lo12:__imp_IsProcessorFeaturePresent]
        br      x16
        .size ipfp_thunk, .-ipfp_thunk

fn getauxval_thunk
        adrp    x17, getauxval_slot
        ldr     x17, [x17, :lo12:getauxval_slot]
        br      x17
        .size getauxval_thunk, .-getauxval_thunk

// Linux: getauxval(AT_HWCAP = 16), HWCAP_SVE is bit 22.
fn hwcap_check
        mov     x0, #16
        bl      getauxval_thunk
        tbnz    w0, #22, hwcap_sve
label hwcap_scalar
        b       scalar_kernel
label hwcap_sve
        b       sve_kernel
        .size hwcap_check, .-hwcap_check

// The same test as a conditional tail call: the taken side leaves the function.
fn hwcap_tail
        mov     x0, #16
        bl      getauxval_thunk
        tbnz    w0, #22, sve_kernel
label hwcap_tail_scalar
        b       scalar_kernel
        .size hwcap_tail, .-hwcap_tail

// compiler-rt's feature word, SVE is bit 30.
fn features_check
        adrp    x8, __aarch64_cpu_features
        ldr     x8, [x8, :lo12:__aarch64_cpu_features]
        tst     x8, #0x40000000
        b.ne    features_sve
label features_scalar
        b       scalar_kernel
label features_sve
        b       sve_kernel
        .size features_check, .-features_check

// __builtin_cpu_supports through a GOT-style pointer: load, mvn, tst, cset.
fn features_got
        adrp    x8, got_cpu_features
        ldr     x8, [x8, :lo12:got_cpu_features]
        ldr     x8, [x8]
        mvn     x8, x8
        tst     x8, #0x40000000
        cset    w0, eq
        ret
        .size features_got, .-features_got

// An FMV-style resolver: csel between two code addresses.
fn resolver
        adrp    x8, __aarch64_cpu_features
        ldr     x9, [x8, :lo12:__aarch64_cpu_features]
        adrp    x10, sve_kernel
        add     x10, x10, :lo12:sve_kernel
        adrp    x11, scalar_kernel
        add     x11, x11, :lo12:scalar_kernel
        tst     x9, #0x40000000
        csel    x0, x10, x11, ne
        ret
        .size resolver, .-resolver

// ID_AA64PFR0_EL1.SVE is bits 35:32.
fn mrs_probe
        mrs     x0, ID_AA64PFR0_EL1
        ubfx    x0, x0, #32, #4
        cbnz    x0, mrs_sve
label mrs_scalar
        b       scalar_kernel
label mrs_sve
        b       sve_kernel
        .size mrs_probe, .-mrs_probe

// A probe result cached in a global.
fn store_cache
        mov     x0, #16
        bl      getauxval_thunk
        adrp    x8, hwcap_cache
        str     x0, [x8, :lo12:hwcap_cache]
        ret
        .size store_cache, .-store_cache

// A call through the import slot itself (no thunk).
fn slot_call
        adrp    x8, __imp_IsProcessorFeaturePresent
        ldr     x8, [x8, :lo12:__imp_IsProcessorFeaturePresent]
        mov     w0, #46
        blr     x8
        cbnz    w0, slot_sve
label slot_scalar
        ret
label slot_sve
        b       sve_kernel
        .size slot_call, .-slot_call

// A level compared with cmp: b.lo is the absent side.
fn level_check
        adrp    x8, isa_level
        ldr     w8, [x8, :lo12:isa_level]
        cmp     w8, #3
        b.lo    level_low
label level_high
        b       sve_kernel
label level_low
        ret
        .size level_check, .-level_check

// A switch compiled to compares and branches (no jump table).
fn switch_fn
        cmp     w0, #2
        b.eq    switch_two
label switch_above
        b.hi    switch_default
label switch_low
        cbz     w0, switch_zero
label switch_one
        mov     w0, #10
        ret
label switch_zero
        mov     w0, #11
        ret
label switch_two
        mov     w0, #12
        ret
label switch_default
        mov     w0, #0
        ret
        .size switch_fn, .-switch_fn

fn jump_thunk
        b       sve_kernel
        .size jump_thunk, .-jump_thunk

// SVE: one instruction in the entry block, four in the loop.
fn sve_kernel
        ptrue   p0.s
        mov     x8, #0
label sve_loop
        ld1w    {z0.s}, p0/z, [x1, x8, lsl #2]
        fadd    z0.s, p0/m, z0.s, z0.s
        st1w    {z0.s}, p0, [x0, x8, lsl #2]
        incw    x8
        cmp     x8, x2
        b.lo    sve_loop
label sve_done
        ret
        .size sve_kernel, .-sve_kernel

fn scalar_kernel
        ret
        .size scalar_kernel, .-scalar_kernel

        .data
        .p2align 3
        .zero   24
        .globl __imp_IsProcessorFeaturePresent, getauxval_slot, got_cpu_features
        .globl __aarch64_cpu_features, hwcap_cache, isa_level
__imp_IsProcessorFeaturePresent: .quad 0
getauxval_slot:         .quad 0
got_cpu_features:       .quad __aarch64_cpu_features
__aarch64_cpu_features: .quad 0
hwcap_cache:            .quad 0
isa_level:              .word 0
