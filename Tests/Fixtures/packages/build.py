#!/usr/bin/env python3
"""Builds the package fixtures (wheels, MSIX packages, a bundle, nested zips) from the PE
fixtures in ../pe with Python's zipfile, and writes expected.json: each package's member list
as zipfile reads it, and the declarations as the manifests written here state them.
Run from anywhere: python3 Tests/Fixtures/packages/build.py"""
import io, json, os, zipfile

here = os.path.dirname(os.path.abspath(__file__))
pe = os.path.join(here, "..", "pe")
FIXED = (2024, 1, 1, 0, 0, 0)


def data(name):
    with open(os.path.join(pe, name), "rb") as f:
        return f.read()


def zipped(members, stored=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, payload in members:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)
    return buffer.getvalue()


def appx_manifest(arch, executable, min_version="10.0.17763.0"):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
  <!-- Identity below is what the scanner reads -->
  <Identity Name="Contoso.App" Publisher="CN=Contoso" Version="1.0.0.0" ProcessorArchitecture="{arch}" />
  <Dependencies><TargetDeviceFamily Name="Windows.Desktop" MinVersion="{min_version}" MaxVersionTested="10.0.22621.0" /></Dependencies>
  <Applications><Application Id="App" Executable="{executable}" EntryPoint="Windows.FullTrustApplication" /></Applications>
</Package>
""".encode()


def msix(arch, executable, payload, min_version="10.0.17763.0"):
    return zipped([("AppxManifest.xml", appx_manifest(arch, executable, min_version)), ("AppxBlockMap.xml", b"<BlockMap/>"),
                   (executable.replace("\\", "/"), payload)])


outputs = {}
# A win_arm64 wheel that carries an x64 extension module (a packaging mistake), and a correct one.
outputs["contoso-1.0-cp312-cp312-win_arm64.whl"] = zipped([
    ("contoso/__init__.py", b""), ("contoso/_speedups.cp312-win_arm64.pyd", data("x64_exports.dll")),
    ("contoso-1.0.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp312-cp312-win_arm64\n")])
outputs["contoso_ok-1.0-cp312-cp312-win_arm64.whl"] = zipped([
    ("contoso_ok/_speedups.cp312-win_arm64.pyd", data("arm64_lib.dll")),
    ("contoso_ok-1.0.dist-info/WHEEL", b"Wheel-Version: 1.0\nTag: cp312-cp312-win_arm64\n")])
# An MSIX that says arm64 but carries an x64 executable, and a bundle with an x64 and an arm64 package.
outputs["Contoso_mismatch_arm64.msix"] = msix("arm64", "App\\Contoso.exe", data("x64_gui.exe"))
# An arm64 MSIX for Windows 11 24H2 (build 26100) and later.
outputs["Contoso_24h2_arm64.msix"] = msix("arm64", "App\\Contoso.exe", data("arm64_app.exe"), "10.0.26100.0")
x64_package = msix("x64", "App\\Contoso.exe", data("x64_gui.exe"))
arm64_package = msix("arm64", "App\\Contoso.exe", data("arm64_app.exe"))
bundle_manifest = b"""<?xml version="1.0" encoding="UTF-8"?>
<Bundle xmlns="http://schemas.microsoft.com/appx/2013/bundle" SchemaVersion="4.0">
  <Identity Name="Contoso.App" Publisher="CN=Contoso" Version="1.0.0.0" />
  <Packages>
    <Package Type="application" Version="1.0.0.0" Architecture="x64" FileName="Contoso_x64.msix" Offset="0" Size="0" />
    <Package Type="application" Version="1.0.0.0" Architecture="arm64" FileName="Contoso_arm64.msix" Offset="0" Size="0" />
  </Packages>
</Bundle>
"""
outputs["Contoso.msixbundle"] = zipped([
    ("AppxMetadata/AppxBundleManifest.xml", bundle_manifest), ("Contoso_x64.msix", x64_package),
    ("Contoso_arm64.msix", arm64_package), ("AppxBlockMap.xml", b"<BlockMap/>")], stored=True)
# A zip of a zip of a package, and a chain nested twenty deep.
outputs["nested.zip"] = zipped([("inner/tools.zip", zipped([("bin/tool.exe", data("x86_console.exe"))]))])
deep = zipped([("bin/deep.exe", data("x86_console.exe"))])
for level in range(19):
    deep = zipped([(f"level{19 - level}.zip", deep)])
outputs["deep20.zip"] = deep
# A zip that carries a WiX Burn bundle (../installers/engine-burn-chain.exe, built by burn-chain-build.py).
with open(os.path.join(here, "..", "installers", "engine-burn-chain.exe"), "rb") as f:
    outputs["bundle-in-zip.zip"] = zipped([("setup/Contoso-Setup.exe", f.read())])

expected = {}
for name, payload in sorted(outputs.items()):
    with open(os.path.join(here, name), "wb") as f:
        f.write(payload)
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        expected[name] = sorted(archive.namelist())
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
