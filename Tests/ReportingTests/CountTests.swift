import Testing

@testable import Reporting

@Suite("Counts in words")
struct CountTests {
    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (1_049, "1,049"), (65_536, "65,536"),
        (1_000_000, "1,000,000"), (-1_234, "-1,234"),
    ])
    func thousandsSeparators(value: Int, text: String) {
        #expect(Count.formatted(value) == text)
    }

    @Test func singularAndPlural() {
        #expect(Count.of(1, "binary", "binaries") == "1 binary")
        #expect(Count.of(0, "binary", "binaries") == "0 binaries")
        #expect(Count.of(1_049, "binary", "binaries") == "1,049 binaries")
        #expect(Count.of(1, "application") == "1 application")
        #expect(Count.of(2, "application") == "2 applications")
    }
}
