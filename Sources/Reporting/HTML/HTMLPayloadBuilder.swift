import Readiness
import InstructionSets
import Scanning

/// Turns a finished `ScanReport` into the compact `HTMLReportPayload` the page reads.
///
/// Walks the report in its own (already sorted) order, so the string table and therefore the
/// output bytes depend only on the report.
struct HTMLPayloadBuilder {
    /// Above this many binaries the blob keeps one example location per ISA extension (the
    /// JSON and SARIF reports keep them all), so a 20,000-binary page stays under 15 MB.
    static let largeReportBinaries = 5_000

    private var table = HTMLStringTable()
    private var examplesKept = Int.max

    /// The payload for `report`.
    static func payload(for report: ScanReport) -> HTMLReportPayload {
        var builder = HTMLPayloadBuilder()
        return builder.build(report)
    }

    private mutating func build(_ report: ScanReport) -> HTMLReportPayload {
        if report.binaries.count > Self.largeReportBinaries { examplesKept = 1 }
        var appIndex: [String: Int] = [:]
        for (index, app) in report.applications.enumerated() where appIndex[app.id] == nil {
            appIndex[app.id] = index
        }
        var binaryIndex: [String: Int] = [:]
        for (index, binary) in report.binaries.enumerated() where binaryIndex[binary.path] == nil {
            binaryIndex[binary.path] = index
        }
        let binaries = report.binaries.map { binary(from: $0, app: appIndex[$0.application]) }
        let apps = report.applications.map { app in
            HTMLReportPayload.App(
                id: app.id, n: app.name, v: app.verdict.rawValue,
                x: app.executables.compactMap { binaryIndex[$0] },
                b: app.binaries.compactMap { binaryIndex[$0] },
                r: app.reasons.map { reason in
                    HTMLReportPayload.Reason(
                        v: reason.verdict.rawValue, p: table.id(reason.binary), bi: binaryIndex[reason.binary],
                        rule: table.id(reason.rule), m: table.id(reason.message), d: table.id(reason.dependency))
                })
        }
        let meta = HTMLReportPayload.Meta(
            tool: report.tool.name, version: report.tool.version, uri: report.tool.informationURI,
            target: report.target.name, targetTitle: report.target.title, generatedAt: report.generatedAt,
            roots: report.roots, schemaVersion: report.schemaVersion,
            examplesKept: examplesKept == Int.max ? nil : examplesKept)
        return HTMLReportPayload(
            s: table.strings, meta: meta, sum: report.summary, gate: report.gate, apps: apps, b: binaries,
            diag: report.diagnostics, sup: report.suppressions, base: report.baseline)
    }

    private mutating func binary(from binary: BinaryResult, app: Int?) -> HTMLBinary {
        HTMLBinary(
            p: binary.path, l: binary.pathIsLossy ? 1 : nil, h: binary.sha256, z: binary.size, a: app,
            f: binary.format.rawValue, m: table.id(binary.machineName), mc: binary.machine,
            e: binary.execution.rawValue, k: binary.kind?.rawValue, bits: binary.bits,
            v: binary.verdict.rawValue, why: table.id(binary.reason),
            fd: binary.findings.map { finding(from: $0) },
            d: binary.details.map { details(from: $0) },
            i: binary.isa.map { isa(from: $0) },
            bs: binary.baselineStatus?.rawValue)
    }

    private mutating func finding(from finding: Finding) -> HTMLBinary.Finding {
        HTMLBinary.Finding(
            r: table.id(finding.rule), t: table.id(finding.title), v: finding.verdict.rawValue,
            c: finding.confidence == .high ? nil : finding.confidence.rawValue, m: table.id(finding.message),
            rm: table.id(finding.remediation), rf: finding.references.map { [table.id($0.title), table.id($0.url)] },
            src: finding.source == "Rules/\(finding.rule).yaml" ? nil : table.id(finding.source),
            sp: finding.suppression.map { [table.id($0.reason), table.id($0.expires)] })
    }

    private mutating func details(from details: BinaryDetails) -> HTMLBinary.Details {
        HTMLBinary.Details(
            ss: table.id(details.subsystem), im: nonEmpty(details.imports), ex: details.exportCount == 0 ? nil : details.exportCount,
            sc: nonEmpty(details.sections), hk: table.id(details.hybridKind), ns: details.nativeCodeShare,
            df: nonEmpty(details.dotnetFlags), ma: details.manifestArchitectures.map { table.ids($0) },
            pn: table.id(details.productName), cn: table.id(details.companyName),
            fv: table.id(details.fileVersion), ip: table.id(details.interpreter),
            nd: nonEmpty(details.needed), xi: nonEmpty(details.x86ISANeeded), af: nonEmpty(details.aarch64Features))
    }

    /// The indices of `list`, or nil when it is empty (left out of the JSON).
    private mutating func nonEmpty(_ list: [String]) -> [Int]? {
        list.isEmpty ? nil : table.ids(list)
    }

    private mutating func isa(from profile: ISAProfile) -> HTMLBinary.ISA {
        let kept = examplesKept
        let extensions: [[HTMLJSONValue]] = profile.findings.map { finding in
            let examples = finding.examples.prefix(kept)
            var entry: [HTMLJSONValue] = [
                .int(table.id(finding.architecture)), .int(table.id(finding.name)), .int(finding.hint ? 1 : finding.unconfirmed ? 2 : 0),
                .int(finding.count), .int(finding.inFunctions), .int(finding.inLinearSweep),
                .array(examples.map { .string(String($0.address, radix: 16)) }),
            ]
            if examples.contains(where: { $0.function != nil }) {
                entry.append(.array(examples.map { example in example.function.map { .int(table.id($0)) } ?? .null }))
            }
            return entry
        }
        let evidence = profile.dispatch
        let seen: [(Bool, String)] = [
            (evidence.cpuid, "CPUID"), (evidence.xgetbv, "XGETBV"),
            (evidence.isProcessorFeaturePresent, "IsProcessorFeaturePresent"), (evidence.getauxval, "getauxval"),
            (evidence.cpuFeatureHelpers, "CPU feature helpers"), (evidence.ifunc, "IFUNC"),
            (evidence.idRegisterRead, "ID register reads"), (evidence.outlineAtomics, "outline atomics"),
        ]
        return HTMLBinary.ISA(
            x: extensions, dp: seen.filter(\.0).map { table.id($0.1) }, mt: table.id(profile.method),
            bd: profile.bytesDecoded, cap: profile.capReached ? 1 : nil,
            df: profile.decodeFailures == 0 ? nil : profile.decodeFailures,
            sk: profile.skippedFunctions == 0 ? nil : profile.skippedFunctions)
    }
}
