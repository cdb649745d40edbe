/// What the package a binary was found in says about it: the innermost package's kind and the
/// architectures it declares (a wheel's platform tag, an MSIX manifest, an MSI Template). The
/// scan sets it on every binary it rates inside a package, as `package.*` and `msi.*` facts.
package struct PackageContext: Sendable, Equatable {
    package var kind: String
    /// The package's report path (`dist/app.msi`, `a.msixbundle!/a_arm64.msix`).
    package var name: String
    /// Normalised: arm64, x64, x86, arm, ia64, neutral; empty when the package declares none.
    package var declaredArchitectures: [String]
    /// The lowest Windows build an MSIX/APPX manifest's desktop device families accept.
    package var minWindowsBuild: Int?
    package var msiTemplate: String?
    package var msiPlatform: String?
    /// The MSI's LaunchCondition conditions, in table order.
    package var msiLaunchConditions: [String]
    /// The first of them that fails on Windows 11 Arm64 but holds on x64, with its message.
    package var msiLaunchConditionExcludingArm64: String?

    package init(
        kind: String, name: String, declaredArchitectures: [String] = [], msiTemplate: String? = nil,
        msiPlatform: String? = nil, msiLaunchConditions: [String] = [], msiLaunchConditionExcludingArm64: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.declaredArchitectures = declaredArchitectures
        self.msiTemplate = msiTemplate
        self.msiPlatform = msiPlatform
        self.msiLaunchConditions = msiLaunchConditions
        self.msiLaunchConditionExcludingArm64 = msiLaunchConditionExcludingArm64
    }

    package var facts: Facts {
        var facts = Facts()
        facts[.packageKind] = .string(kind)
        facts[.packageName] = .string(name)
        if !declaredArchitectures.isEmpty { facts[.packageDeclaredArchitectures] = .set(declaredArchitectures) }
        if let minWindowsBuild { facts[.packageMinWindowsBuild] = .int(minWindowsBuild) }
        if let msiTemplate { facts[.msiTemplate] = .string(msiTemplate) }
        if let msiPlatform { facts[.msiPlatform] = .string(msiPlatform) }
        if kind == "msi" { facts[.msiLaunchConditions] = .set(msiLaunchConditions) }
        if let msiLaunchConditionExcludingArm64 {
            facts[.msiLaunchConditionExcludingArm64] = .string(msiLaunchConditionExcludingArm64)
        }
        return facts
    }
}
