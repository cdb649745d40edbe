import BinaryFormats
import Foundation
import Readiness
import Scanning

extension HTMLReportFactory {
    /// The message `Rules/elf-x86-blocked-wsl.yaml` gives every x86-64 ELF file.
    static let wslMessage =
        "ELF x86-64: the WSL2 kernel on Windows on Arm is AArch64 and has no x86 emulation by default."

    /// The shape of a scan of `/usr/lib/x86_64-linux-gnu`, for machines without one: `count`
    /// x86-64 ELF libraries, almost all in one application whose reasons all say the same thing
    /// (one per binary, as the scanner gives them), and eight small applications beside it.
    static func alikeLibraries(count: Int) -> ScanReport {
        let small = [
            "gconv", "gdk-pixbuf-2.0", "gettext", "glib-2.0", "gstreamer-1.0", "security", "sasl2", "utempter",
        ]
        var binaries: [BinaryResult] = []
        for index in 0..<count {
            let app = index % 16 == 0 ? small[index / 16 % small.count] : "."
            let folder = app == "." ? (index % 5 == 0 ? "dri/" : "") : app + "/2.10.0/loaders/"
            let path = folder + String(format: "libcomponent-%05d-long-enough-to-wrap.so.1.2.3", index)
            binaries.append(
                BinaryResult(
                    path: path, sha256: String(format: "%064x", index), size: 20_000 + index, application: app,
                    format: .elf, machine: 62, machineName: "x86-64", execution: .x64, kind: .library, bits: 64,
                    verdict: .blocked, reason: nil,
                    findings: [finding(rule: "elf-x86-blocked-wsl", verdict: .blocked, message: wslMessage)],
                    details: BinaryDetails(needed: ["libc.so.6"]), isa: nil))
        }
        binaries.sort { $0.path < $1.path }
        let applications = Dictionary(grouping: binaries, by: \.application).keys.sorted().map { id in
            let members = binaries.filter { $0.application == id }
            return ApplicationResult(
                id: id, name: id, verdict: .blocked, executables: [], binaries: members.map(\.path),
                reasons: members.map {
                    ApplicationReason(
                        verdict: .blocked, binary: $0.path, rule: "elf-x86-blocked-wsl", message: wslMessage)
                })
        }
        return ScanReport(
            tool: ToolInfo(version: "0.0.0-test"), target: TargetInfo(name: "copilot-plus-pc", title: "Copilot+ PC"),
            generatedAt: "2026-01-15T09:30:00Z", roots: ["/usr/lib/x86_64-linux-gnu"],
            summary: summary(binaries, applications, filesExamined: count * 2, hybridShare: nil), gate: nil,
            binaries: binaries, applications: applications, diagnostics: [], suppressions: [], baseline: nil)
    }
}
