/// Decides a PE image's `execution` and `kind` from what the readers found.
///
/// Rules from windows-on-arm.md: §2.1 (AMD64 + CHPE = ARM64EC, ARM64 + CHPE = ARM64X),
/// §4.1 (a driver is subsystem NATIVE with kernel imports or the WDM flag — subsystem NATIVE
/// alone also covers native user-mode programs such as smss.exe), §6.1–6.2 (.NET: IL-only
/// I386 without 32BITREQUIRED is AnyCPU, i.e. neutral).
enum PEClassifier {
    /// Modules only kernel-mode code imports (the kernel, HAL and the driver frameworks).
    static let kernelModules: Set<String> = [
        "ntoskrnl.exe", "ntkrnlpa.exe", "ntkrnlmp.exe", "hal.dll", "fltmgr.sys", "ndis.sys",
        "wdfldr.sys", "ks.sys", "ksecdd.sys", "cng.sys", "netio.sys", "storport.sys",
        "scsiport.sys", "usbd.sys", "wmilib.sys", "classpnp.sys", "tdi.sys", "videoprt.sys",
        "portcls.sys", "hidclass.sys", "hidparse.sys", "wdmsec.sys", "fwpkclnt.sys", "msrpc.sys",
        "ci.dll", "clfs.sys", "tbs.sys", "ataport.sys", "bootvid.dll", "kdcom.dll", "pshed.dll",
        "dxgkrnl.sys", "watchdog.sys", "win32k.sys", "ndistapi.sys", "ndiswan.sys", "wpprecorder.sys",
    ]

    static func execution(machine: PEMachine, hybrid: HybridMetadata?, clr: CLRHeader?) -> Execution {
        if let clr, clr.ilOnly {
            let effective = clr.readyToRunMachine.map(PEMachine.init(rawValue:)) ?? machine
            if clr.requires32Bit { return .x86 }
            if effective == .i386 && !clr.readyToRun { return .neutral }
            return nativeExecution(machine: effective, hybrid: nil)
        }
        return nativeExecution(machine: machine, hybrid: hybrid)
    }

    private static func nativeExecution(machine: PEMachine, hybrid: HybridMetadata?) -> Execution {
        switch machine {
        case .arm64: return hybrid == nil ? .arm64 : .arm64x
        case .amd64: return hybrid == nil ? .x64 : .arm64ec
        case .i386: return .x86
        case .arm, .thumb, .armNT: return .arm32
        default: return .other
        }
    }

    static func kind(file: PEFile, imports: [PEImport], clr: CLRHeader?, hasResources: Bool) -> BinaryKind {
        switch file.subsystem {
        case 10, 11, 12, 13: return .efi
        default: break
        }
        let importsKernel = imports.contains { kernelModules.contains($0.dll) }
        let isWDM = file.dllCharacteristics & 0x2000 != 0
        if (file.subsystem == 1 && importsKernel) || isWDM { return .driver }
        if clr != nil { return .dotnet }
        let isDLL = file.characteristics & 0x2000 != 0
        if isDLL, file.addressOfEntryPoint == 0, hasResources, imports.isEmpty,
            !file.sections.contains(where: { $0.isExecutable && $0.sizeOfRawData > 0 })
        {
            return .resourceOnly
        }
        return isDLL ? .library : .executable
    }
}
