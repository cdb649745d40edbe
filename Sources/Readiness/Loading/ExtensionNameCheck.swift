import Foundation
import InstructionSets
import Yams

/// Rejects instruction-set extension names that no decoder reports and no CPU lists, so a
/// typo (`avx3`, `sve3`) in a rule or target profile fails at load time instead of never
/// matching.
///
/// Applies to the list and string facts about one architecture's extensions: `isa.x86*`,
/// `isa.arm64*`, `target.x64_emulated_isa`, `target.x86_emulated_isa` and `target.arm64_isa`.
/// Names are checked against `ISAExtension.known(_:)`.
struct ExtensionNameCheck {
    let reader: YAMLReader

    /// The architecture whose extensions `fact` holds, or nil when it holds none.
    static func architecture(ofFact fact: String) -> ISAExtension.Architecture? {
        guard let entry = FactCatalog.entry(fact), entry.type == .list || entry.type == .string else { return nil }
        switch fact {
        case FactKey.targetX64EmulatedIsa.name, FactKey.targetX86EmulatedIsa.name: return .x86
        case FactKey.targetArm64Isa.name: return .arm64
        default: break
        }
        if fact == "isa.x86" || fact.hasPrefix("isa.x86.") { return .x86 }
        if fact == "isa.arm64" || fact.hasPrefix("isa.arm64.") { return .arm64 }
        return nil
    }

    /// Checks the names in `node` (a scalar, or a list of scalars) when `fact` holds extension
    /// names; `lowercased` compares as the target loader stores them.
    ///
    /// - Throws: `ReadinessError.invalid` at the line of the first unknown name:
    ///   `unknown x86 extension 'avx3'`.
    func check(_ node: Node, fact: String, lowercased: Bool = false) throws(ReadinessError) {
        guard let architecture = Self.architecture(ofFact: fact) else { return }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        case .mapping, .alias: return
        }
        let known = ISAExtension.known(architecture)
        for item in items {
            guard case .scalar(let scalar) = item else { continue }
            let name = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !known.contains(ISAExtension(lowercased ? name.lowercased() : name)) else { continue }
            throw reader.error(item, "unknown \(architecture.rawValue) extension '\(name)'")
        }
    }
}
