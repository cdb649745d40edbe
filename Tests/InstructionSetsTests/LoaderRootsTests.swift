import BinaryFormats
import Testing

@testable import InstructionSets

/// Which exports the flow analysis starts from (`LoaderRoots`).
@Suite("Loader roots")
struct LoaderRootsTests {
    @Test func aPythonModuleIsEnteredThroughPyInitAlone() {
        let roots = [
            CodeRoot(address: 0x10, kind: .export, name: "PyInit__multiarray_umath"),
            CodeRoot(address: 0x20, kind: .export, name: "__svml_acos8"),
            CodeRoot(address: 0x30, kind: .initializer),
            CodeRoot(address: 0x40, kind: .entry),
        ]
        #expect(LoaderRoots.select(roots).map(\.address) == [0x10, 0x30, 0x40])
    }

    @Test func otherLibrariesKeepEveryExport() {
        let roots = [
            CodeRoot(address: 0x10, kind: .export, name: "deflate"), CodeRoot(address: 0x20, kind: .export, name: nil),
        ]
        #expect(LoaderRoots.select(roots) == roots)
    }
}
