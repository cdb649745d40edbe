// Load configuration for a native ARM64 image (used for the native view of the
// ARM64X fixture). Without an MSVC runtime nobody else provides
// _load_config_used; lld-link points the load-config data directory at it and
// patches in the fields it owns (dynamic value relocation table for ARM64X).
// Layout: IMAGE_LOAD_CONFIG_DIRECTORY64, 0x140 bytes, all fields zero but Size.
        .section .rdata,"dr"
        .globl  _load_config_used
        .p2align 3
_load_config_used:
        .word   0x140                   // 0x000 Size
        .fill   0x13c, 1, 0             // 0x004 .. 0x13f everything else
