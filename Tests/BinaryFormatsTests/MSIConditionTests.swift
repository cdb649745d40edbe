import Testing

@testable import BinaryFormats

/// Expected values from Microsoft's "Conditional Statement Syntax" (Windows Installer): a bare
/// property is true when it is set, missing properties are empty strings, integers compare as
/// integers, an integer against a string is false except for `<>`, `~` compares strings without
/// case, `><`/`<<`/`>>` are contains/starts/ends for strings and bitwise for integers, and the
/// logical operators bind Not > And > Or > Xor > Eqv > Imp.
@Suite("MSI conditions")
struct MSIConditionTests {
    private static let machine: [String: String] = [
        "VersionNT": "603", "VersionNT64": "603", "WIX_NATIVE_MACHINE": "43620", "Intel64": "",
        "ProductName": "Contoso App",
    ]
    /// Known names resolve; everything else is unknown.
    private let known: MSICondition.Resolve = { machine[$0] }
    /// Known names resolve; everything else is an unset property.
    private let closed: MSICondition.Resolve = { machine[$0] ?? "" }

    private func value(_ text: String, _ resolve: MSICondition.Resolve? = nil) -> Bool? {
        MSICondition(text)?.evaluate(resolve ?? known)
    }

    @Test func barePropertiesAreTrueWhenSet() {
        #expect(value("VersionNT64") == true)
        #expect(value("Intel64") == false)
        #expect(value("NOT Intel64") == true)
        #expect(value("MYPROPERTY") == nil)
        #expect(value("MYPROPERTY", closed) == false)
    }

    @Test func integersCompareAsIntegers() {
        #expect(value("WIX_NATIVE_MACHINE = 43620") == true)
        #expect(value("WIX_NATIVE_MACHINE = 34404") == false)
        #expect(value("WIX_NATIVE_MACHINE <> 34404") == true)
        #expect(value("VersionNT >= 601") == true)
        #expect(value("VersionNT < 601") == false)
        #expect(value("VersionNT>=603") == true)
        #expect(value("-1 < 0") == true)
    }

    @Test func integerAgainstStringIsFalseExceptNotEqual() {
        #expect(value("ProductName = 5") == false)
        #expect(value("ProductName > 5") == false)
        #expect(value("ProductName <> 5") == true)
        // A missing property is "", which is not an integer.
        #expect(value("MISSING = 0", closed) == false)
    }

    @Test func stringsAndCase() {
        #expect(value(#"ProductName = "Contoso App""#) == true)
        #expect(value(#"ProductName = "contoso app""#) == false)
        #expect(value(#"ProductName ~= "contoso app""#) == true)
        #expect(value(#"ProductName >< "oso""#) == true)
        #expect(value(#"ProductName << "Contoso""#) == true)
        #expect(value(#"ProductName >> "App""#) == true)
        #expect(value(#"ProductName >> "Contoso""#) == false)
    }

    @Test func bitwiseSubstringOperatorsOnIntegers() {
        #expect(value("6 >< 2") == true)
        #expect(value("4 >< 2") == false)
        #expect(value("65539 << 1") == true)
        #expect(value("65539 >> 3") == true)
    }

    @Test func precedenceAndParentheses() {
        // Not binds tighter than And, And tighter than Or.
        #expect(value("NOT Intel64 AND VersionNT64") == true)
        #expect(value("Intel64 OR VersionNT64 AND WIX_NATIVE_MACHINE = 34404") == false)
        #expect(value("(Intel64 OR VersionNT64) AND WIX_NATIVE_MACHINE = 43620") == true)
        #expect(value("NOT (WIX_NATIVE_MACHINE = 43620)") == false)
        #expect(value("VersionNT64 xor Intel64") == true)
        #expect(value("Intel64 Imp WIX_NATIVE_MACHINE = 1") == true)
        #expect(value("VersionNT64 Eqv Intel64") == false)
    }

    @Test func unknownsStayUnknownUnlessTheOtherSideDecides() {
        #expect(value("Intel64 AND MYPROPERTY") == false)
        #expect(value("VersionNT64 AND MYPROPERTY") == nil)
        #expect(value("VersionNT64 OR MYPROPERTY") == true)
        #expect(value("Intel64 OR MYPROPERTY") == nil)
        #expect(value("NOT MYPROPERTY") == nil)
        #expect(value("%PROCESSOR_ARCHITECTURE = \"AMD64\"") == nil)
        #expect(value("&MainFeature = 3") == nil)
        #expect(value("Installed OR VersionNT64", closed) == true)
    }

    @Test func propertiesAreListed() {
        #expect(
            MSICondition("VersionNT64 AND (WIX_NATIVE_MACHINE = 34404 OR NOT VersionNT64)")?.properties == [
                "VersionNT64", "WIX_NATIVE_MACHINE",
            ])
    }

    @Test func malformedConditionsAreNotRead() {
        for text in [
            "", "(", "VersionNT64 AND", "= 5", "\"open", "VersionNT64)", "A = = B", "A ~", "A # B",
            String(repeating: "(", count: 100) + "A" + String(repeating: ")", count: 100),
            String(repeating: "A AND ", count: 1000) + "A",
        ] {
            #expect(MSICondition(text) == nil, "\(text.prefix(40))")
        }
    }
}
