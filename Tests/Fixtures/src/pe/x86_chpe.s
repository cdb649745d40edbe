# Hand-assembled x86 CHPE ("compiled hybrid PE", the Windows 10 on ARM format
# for x86 system DLLs that carry ARM64 code). lld-link cannot produce CHPE, so
# this file supplies what the MSVC toolchain would: a 32-bit load config whose
# CHPEMetadataPointer (offset 0x7C) points at an IMAGE_CHPE_METADATA_X86 with
# one code range marked native (bit 0 of StartOffset set) over ARM64 code.
        .text
        .globl  _X86Add
        .p2align 4
_X86Add:                                # int __cdecl X86Add(int a, int b)
        movl    4(%esp), %eax
        addl    8(%esp), %eax
        retl

# ARM64 machine code, never executed as x86: the range the metadata marks native.
        .section .text$hybrid,"xr"
        .p2align 4
        .globl  _Arm64Add
_Arm64Add:
        .long   0x0b010000              # add w0, w0, w1
        .long   0xd65f03c0              # ret
_Arm64AddEnd:

        .section .rdata,"dr"
        .globl  __load_config_used
        .p2align 2
__load_config_used:                     # IMAGE_LOAD_CONFIG_DIRECTORY32
        .long   0xc0                    # 0x00 Size
        .fill   0x78, 1, 0              # 0x04 .. 0x7b
        .long   _chpe_metadata          # 0x7c CHPEMetadataPointer (VA)
        .fill   0x40, 1, 0              # 0x80 .. 0xbf

        .p2align 2
_chpe_metadata:                         # IMAGE_CHPE_METADATA_X86, version 4
        .long   4                       # Version
        .rva    _chpe_ranges            # CHPECodeAddressRangeOffset
        .long   1                       # CHPECodeAddressRangeCount
        .long   _wowa64_slots + 0x00    # WowA64ExceptionHandlerFunctionPointer
        .long   _wowa64_slots + 0x04    # WowA64DispatchCallFunctionPointer
        .long   _wowa64_slots + 0x08    # WowA64DispatchIndirectCallFunctionPointer
        .long   _wowa64_slots + 0x0c    # WowA64DispatchIndirectCallCfgFunctionPointer
        .long   _wowa64_slots + 0x10    # WowA64DispatchRetFunctionPointer
        .long   _wowa64_slots + 0x14    # WowA64DispatchRetLeafFunctionPointer
        .long   _wowa64_slots + 0x18    # WowA64DispatchJumpFunctionPointer
        .long   0                       # CompilerIATPointer
        .long   _wowa64_slots + 0x1c    # WowA64RdtscFunctionPointer
_chpe_ranges:                           # IMAGE_CHPE_RANGE_ENTRY
        .rva    _Arm64Add + 1           # StartOffset | 1 = native (ARM64) code
        .long   _Arm64AddEnd - _Arm64Add

        .data
        .p2align 2
_wowa64_slots:                          # filled in by the WoW64 layer at load time
        .fill   8, 4, 0
