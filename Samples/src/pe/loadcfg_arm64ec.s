// Load configuration and CHPE (ARM64EC) metadata for the EC view of an image.
// The MSVC runtime normally supplies these. The loader only treats an image
// as ARM64EC/ARM64X when CHPEMetadataPointer (offset 0xC8 of the 64-bit load
// config) is set; the metadata fields reference symbols lld-link synthesises
// (__hybrid_code_map, __x64_code_ranges_to_entry_points, ...).
        .section .00cfg,"dr"
        .globl  _load_config_used
        .p2align 3
_load_config_used:
        .word   0x140                   // 0x000 Size
        .fill   0xc4, 1, 0              // 0x004 .. 0x0c7 (not needed by the fixtures)
        .xword  __chpe_metadata         // 0x0c8 CHPEMetadataPointer
        .fill   0x70, 1, 0              // 0x0d0 .. 0x13f

// Dispatch slots the OS fills in when it maps an EC image. Each is one pointer;
// compiler-generated entry/exit thunks reference them, so they are global.
        .p2align 3
        .globl  __os_arm64x_dispatch_call_no_redirect, __os_arm64x_dispatch_ret
        .globl  __os_arm64x_check_call, __os_arm64x_dispatch_icall, __os_arm64x_check_icall
        .globl  __os_arm64x_check_icall_cfg, __os_arm64x_get_x64_information
        .globl  __os_arm64x_set_x64_information, __os_arm64x_dispatch_fptr
__os_arm64x_dispatch_call_no_redirect:  .xword 0
__os_arm64x_dispatch_ret:               .xword 0
__os_arm64x_check_call:                 .xword 0
__os_arm64x_dispatch_icall:
__os_arm64x_check_icall:                .xword 0
__os_arm64x_check_icall_cfg:            .xword 0
__os_arm64x_get_x64_information:        .xword 0
__os_arm64x_set_x64_information:        .xword 0
__os_arm64x_dispatch_fptr:              .xword 0
__os_arm64x_helper0:                    .xword 0
__os_arm64x_helper1:                    .xword 0
__os_arm64x_helper2:                    .xword 0
__os_arm64x_helper3:                    .xword 0
__os_arm64x_helper4:                    .xword 0
__os_arm64x_helper5:                    .xword 0
__os_arm64x_helper6:                    .xword 0
__os_arm64x_helper7:                    .xword 0
__os_arm64x_helper8:                    .xword 0

// IMAGE_ARM64EC_METADATA (version 1 fields followed by the helper slots).
        .data
        .globl  __chpe_metadata
        .p2align 3
__chpe_metadata:
        .word   1                                       // Version
        .rva    __hybrid_code_map                       // CodeMap
        .word   __hybrid_code_map_count                 // CodeMapCount
        .rva    __x64_code_ranges_to_entry_points       // CodeRangesToEntryPoints
        .rva    __arm64x_redirection_metadata           // RedirectionMetadata
        .rva    __os_arm64x_dispatch_call_no_redirect
        .rva    __os_arm64x_dispatch_ret
        .rva    __os_arm64x_check_call
        .rva    __os_arm64x_check_icall
        .rva    __os_arm64x_check_icall_cfg
        .word   0                                       // AlternateEntryPoint
        .rva    __hybrid_auxiliary_iat                  // AuxiliaryIAT
        .word   __x64_code_ranges_to_entry_points_count
        .word   __arm64x_redirection_metadata_count
        .rva    __os_arm64x_get_x64_information
        .rva    __os_arm64x_set_x64_information
        .rva    __arm64x_extra_rfe_table                // ExtraRFETable
        .word   __arm64x_extra_rfe_table_size
        .rva    __os_arm64x_dispatch_fptr
        .word   0                                       // AuxiliaryIATCopy
        .rva    __os_arm64x_helper0
        .rva    __os_arm64x_helper1
        .rva    __os_arm64x_helper2
        .rva    __os_arm64x_helper3
        .rva    __os_arm64x_helper4
        .rva    __os_arm64x_helper5
        .rva    __os_arm64x_helper6
        .rva    __os_arm64x_helper7
        .rva    __os_arm64x_helper8

