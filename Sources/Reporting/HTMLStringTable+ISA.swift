import InstructionSets

/// Lets the HTML payload intern typed extension names and architectures as their JSON strings.
///
/// Kept outside `HTML/` on purpose (that folder is being rewritten at the same time); once
/// the rewrite reads `.rawValue` itself, delete this file.
extension HTMLStringTable {
    mutating func id<Name: RawRepresentable>(_ name: Name) -> Int where Name.RawValue == String {
        id(name.rawValue)
    }
}
