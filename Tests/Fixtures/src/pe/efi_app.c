/* ARM64 UEFI application: no imports, entry point efi_main. */
typedef unsigned long long EFI_STATUS;

EFI_STATUS efi_main(void *imageHandle, void *systemTable) {
    (void)imageHandle;
    return systemTable ? 0 : 2;
}
