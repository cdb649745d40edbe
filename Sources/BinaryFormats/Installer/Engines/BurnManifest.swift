/// What a WiX Burn bundle's manifest says about its chain (installers.md §3): the UX
/// container's member `0`, `BurnManifest` in the `http://wixtoolset.org/schemas/v4/2008/Burn`
/// namespace (v3 and v4+ alike). Read for the packages of the `Chain`, their `InstallCondition`,
/// and which payloads (`PayloadRef`) each one installs from which container member
/// (`Payload@SourcePath`, `a0`, `a1`, ...).
package struct BurnManifest: Sendable, Equatable {
    package struct Payload: Sendable, Equatable {
        package var id: String
        /// Where the bundle lays the payload out (`x64\Contoso.msi`).
        package var filePath: String?
        /// The container it is in; nil when it is downloaded or lies beside the bundle.
        package var container: String?
        /// Its member name in that container.
        package var sourcePath: String?
    }

    package struct Package: Sendable, Equatable {
        /// `MsiPackage`, `ExePackage`, `MspPackage`, `MsuPackage`, `BundlePackage`.
        package var kind: String
        package var id: String
        package var installCondition: String?
        package var payloadIDs: [String] = []
    }

    /// Attached containers by `Container@Id`: their `AttachedIndex` (1 is the first container
    /// after the UX container in the `.wixburn` section).
    package var attachedIndex: [String: Int] = [:]
    package var payloads: [Payload] = []
    package var packages: [Package] = []
    /// `BurnManifest@Win64` (`no` only for x86 bundles); nil when absent.
    package var win64: Bool?

    /// The largest manifest read, and the most payload references one package keeps.
    package static let maxBytes = 4 << 20
    static let maxPayloadsPerPackage = 10_000

    private static let packageKinds: Set<String> = [
        "MsiPackage", "ExePackage", "MspPackage", "MsuPackage", "BundlePackage",
    ]

    package init(_ bytes: [UInt8]) {
        var inChain = false
        for tag in XMLTagScanner.tags(in: XMLTagScanner.text(Array(bytes.prefix(Self.maxBytes)))) {
            switch tag.name {
            case "BurnManifest":
                win64 = tag.attributes["Win64"].map { $0.lowercased() == "yes" }
            case "Container":
                if let id = tag.attributes["Id"], let index = tag.attributes["AttachedIndex"].flatMap({ Int($0) }),
                    attachedIndex[id] == nil
                {
                    attachedIndex[id] = index
                }
            case "Payload":
                guard let id = tag.attributes["Id"] else { continue }
                payloads.append(
                    Payload(
                        id: id, filePath: tag.attributes["FilePath"], container: tag.attributes["Container"],
                        sourcePath: tag.attributes["SourcePath"]))
            case "Chain":
                inChain = true
            case let kind where inChain && Self.packageKinds.contains(kind):
                guard let id = tag.attributes["Id"] else { continue }
                packages.append(Package(kind: kind, id: id, installCondition: tag.attributes["InstallCondition"]))
            case "PayloadRef":
                guard inChain, let id = tag.attributes["Id"], !packages.isEmpty,
                    packages[packages.count - 1].payloadIDs.count < Self.maxPayloadsPerPackage
                else { continue }
                packages[packages.count - 1].payloadIDs.append(id)
            default:
                continue
            }
        }
    }

    /// A container member: the payload stored under that name, and the package that installs it.
    package struct Member: Sendable, Equatable {
        package var payload: Payload
        package var package: Package?
    }

    /// The members of the attached container at `index` by their names (`a0`), the first
    /// payload of each name.
    package func members(ofAttached index: Int) -> [String: Member] {
        let ids = Set(attachedIndex.filter { $0.value == index }.keys)
        var packageOf: [String: Package] = [:]
        for package in packages {
            for id in package.payloadIDs where packageOf[id] == nil { packageOf[id] = package }
        }
        var members: [String: Member] = [:]
        for payload in payloads where payload.container.map(ids.contains) ?? false {
            guard let name = payload.sourcePath, members[name] == nil else { continue }
            members[name] = Member(payload: payload, package: packageOf[payload.id])
        }
        return members
    }
}
