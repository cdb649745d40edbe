import Readiness
import Testing

@Suite("Application grouping")
struct ApplicationGroupingTests {
    @Test func nearestDirectoryWithAnExecutableWins() {
        let paths = [
            "App/app.exe", "App/core.dll", "App/plugins/fx.dll", "App/tools/helper.exe", "App/tools/t.dll",
            "Libs/a.dll", "Libs/sub/b.dll", "top.dll",
        ]
        let groups = ApplicationGrouping.group(paths: paths, executables: ["App/app.exe", "App/tools/helper.exe"])
        #expect(groups["App/core.dll"] == "App")
        #expect(groups["App/plugins/fx.dll"] == "App")
        #expect(groups["App/tools/t.dll"] == "App/tools")
        #expect(groups["Libs/sub/b.dll"] == "Libs")
        #expect(groups["top.dll"] == ".")
    }
}
