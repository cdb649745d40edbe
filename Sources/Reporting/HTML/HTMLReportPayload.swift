import Scanning

/// The data blob the HTML report's script reads: a compact re-encoding of a `ScanReport`.
///
/// Keys are short because a 20,000-binary report writes each of them 20,000 times, and every
/// string that repeats (rule ids, titles, messages, remediations, imports, section and extension
/// names, application ids) is an index into `s`. Paths and hashes are written inline. Key by
/// key (`Reports/report.js` is the only reader):
///
/// - `s`: the string table; `meta`: tool, target, time and roots; `sum`: the summary counts;
///   `gate`, `diag`, `sup`, `base`: the report's gate, diagnostics, suppressions and baseline
///   as `ScanReport` encodes them.
/// - `apps[]`: `id`, `n` name, `v` verdict, `x` executables and `b` binaries (indices into
///   `b`), `r` reasons.
/// - `b[]`: one binary, see `HTMLBinary`.
struct HTMLReportPayload: Encodable {
    var s: [String]
    var meta: Meta
    var sum: ScanSummary
    var gate: GateResult?
    var apps: [App]
    var b: [HTMLBinary]
    var diag: [ScanDiagnostic]
    var sup: [SuppressionStatus]
    var base: BaselineComparison?

    struct Meta: Encodable {
        var tool: String
        var version: String
        var uri: String
        var target: String
        var targetTitle: String
        var generatedAt: String?
        var roots: [String]
        var schemaVersion: Int
        /// Set when large-report trimming kept only this many ISA example locations per extension.
        var examplesKept: Int?
    }

    struct App: Encodable {
        var id: String
        var n: String
        var v: String
        var x: [Int]
        var b: [Int]
        var r: [Reason]
    }

    /// One link of an application's reason chain: `v` verdict, `p` binary path (string index),
    /// `bi` its index in `b` when the scan has it, `rule`, `m` message, `d` dependency.
    struct Reason: Encodable {
        var v: String
        var p: Int
        var bi: Int?
        var rule: Int
        var m: Int
        var d: Int?
    }
}

/// One binary in the data blob.
///
/// `p` path, `l` path is lossy, `h` SHA-256, `z` size, `a` application index, `f` format,
/// `m` machine name, `mc` machine number, `e` execution, `k` kind, `bits`, `v` verdict,
/// `why` reason for `unknown`, `fd` findings, `d` details, `i` ISA profile, `bs` baseline status.
struct HTMLBinary: Encodable {
    var p: String
    var l: Int?
    var h: String?
    var z: Int
    var a: Int?
    var f: String
    var m: Int?
    var mc: UInt32?
    var e: String
    var k: String?
    var bits: Int?
    var v: String
    var why: Int?
    var fd: [Finding]
    var d: Details?
    var i: ISA?
    var bs: String?

    /// `r` rule id, `t` title, `v` verdict, `c` confidence (absent: high), `m` message,
    /// `rm` remediation, `rf` references as `[title, url]` pairs, `src` rule file (absent:
    /// `Rules/<id>.yaml`), `sp` suppression `[reason, expires]`.
    struct Finding: Encodable {
        var r: Int
        var t: Int
        var v: String
        var c: String?
        var m: Int
        var rm: Int
        var rf: [[Int]]
        var src: Int?
        var sp: [Int?]?
    }

    /// `BinaryDetails` with string lists as indices: `ss` subsystem, `im` imports, `ex` export
    /// count, `sc` sections, `hk` hybrid kind, `ns` native code share, `df` .NET flags, `ma`
    /// manifest architectures, `pn`/`cn`/`fv` product, company, file version, `ip` interpreter,
    /// `nd` DT_NEEDED, `xi` x86 ISA levels needed, `af` AArch64 features. Empty lists and a
    /// zero export count are left out.
    struct Details: Encodable {
        var ss: Int?
        var im: [Int]?
        var ex: Int?
        var sc: [Int]?
        var hk: Int?
        var ns: Double?
        var df: [Int]?
        var ma: [Int]?
        var pn: Int?
        var cn: Int?
        var fv: Int?
        var ip: Int?
        var nd: [Int]?
        var xi: [Int]?
        var af: [Int]?
    }

    /// `ISAProfile` reduced to what the detail view shows: `x` extensions as
    /// `[architecture, name, 0 required / 1 hint / 2 unconfirmed, count, in functions, in linear sweep, [hex addresses], [functions]?]`
    /// (addresses without `0x`; the function list, string indices or null, only when one is named),
    /// `dp` the dispatch evidence that was seen, `mt` method, `bd` bytes decoded, `cap` cap reached,
    /// `df` decode failures, `sk` skipped functions.
    struct ISA: Encodable {
        var x: [[HTMLJSONValue]]
        var dp: [Int]
        var mt: Int
        var bd: Int
        var cap: Int?
        var df: Int?
        var sk: Int?
    }
}

/// A JSON scalar or array, for the positional arrays of `HTMLBinary.ISA`.
indirect enum HTMLJSONValue: Encodable {
    case int(Int)
    case string(String)
    case null
    case array([HTMLJSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        }
    }
}
