import Foundation
import Readiness

/// What the analysing threads found, gathered in whatever order they finish: the binaries and
/// the diagnostics, each with the key that puts it back in walk order, and only a count of the
/// files that were not binaries, so memory grows with binaries rather than with files.
final class OutcomeCollector: @unchecked Sendable {
    /// A result's place in the walk: the file's ordinal, then its place among the outcomes of
    /// that one file (the entries of an archive).
    struct Key: Comparable {
        let ordinal: Int
        let part: Int
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.ordinal, lhs.part) < (rhs.ordinal, rhs.part) }
    }

    struct Binary {
        let key: Key
        let identity: BinaryIdentity
        let analysis: AnalyzedBinary
        let assessed: AssessedBinary
    }

    private let lock = NSLock()
    private var binaries: [Binary] = []
    private var diagnostics: [(key: Key, diagnostic: ScanDiagnostic)] = []
    private var notBinaryCount = 0

    /// Keeps what `outcome`, the result for the walk's file number `ordinal`, holds.
    func add(_ outcome: FileOutcome, ordinal: Int) {
        var found: [Binary] = []
        var problems: [(key: Key, diagnostic: ScanDiagnostic)] = []
        var notBinary = 0
        var part = 0
        func flatten(_ outcome: FileOutcome) {
            switch outcome {
            case let .binary(identity, analysis, assessed):
                found.append(
                    Binary(
                        key: Key(ordinal: ordinal, part: part), identity: identity, analysis: analysis,
                        assessed: assessed))
            case .notBinary: notBinary += 1
            case let .diagnostic(diagnostic): problems.append((Key(ordinal: ordinal, part: part), diagnostic))
            case let .several(outcomes): outcomes.forEach(flatten)
            }
            part += 1
        }
        flatten(outcome)
        lock.lock()
        binaries += found
        diagnostics += problems
        notBinaryCount += notBinary
        lock.unlock()
    }

    /// The binaries by path, ties in walk order: the same whatever order threads finished in.
    func sortedBinaries() -> [Binary] {
        lock.lock()
        defer { lock.unlock() }
        return binaries.sorted { ($0.identity.path, $0.key) < ($1.identity.path, $1.key) }
    }

    /// The walk's own diagnostics and the analysers', by path and kind; ties keep walk order
    /// (the walk's first), so the order is the same whatever order threads finished in.
    func sortedDiagnostics(walk: [ScanDiagnostic]) -> [ScanDiagnostic] {
        lock.lock()
        let analysed = diagnostics.sorted { $0.key < $1.key }.map(\.diagnostic)
        lock.unlock()
        return (walk + analysed).enumerated()
            .sorted {
                ($0.element.path, $0.element.kind.rawValue, $0.offset) < (
                    $1.element.path, $1.element.kind.rawValue, $1.offset
                )
            }
            .map(\.element)
    }

    /// Outcomes that were no binary (each entry of an archive counts).
    var notBinary: Int {
        lock.lock()
        defer { lock.unlock() }
        return notBinaryCount
    }
}
