/// Names of the optional header's Subsystem values (PE format specification, "Windows Subsystem").
package enum PESubsystem {
    package static func name(_ value: UInt16) -> String {
        switch value {
        case 1: "native"
        case 2: "windows-gui"
        case 3: "windows-cui"
        case 5: "os2-cui"
        case 7: "posix-cui"
        case 8: "native-windows"
        case 9: "windows-ce-gui"
        case 10: "efi-application"
        case 11: "efi-boot-service-driver"
        case 12: "efi-runtime-driver"
        case 13: "efi-rom"
        case 14: "xbox"
        case 16: "windows-boot-application"
        default: "unknown"
        }
    }
}
