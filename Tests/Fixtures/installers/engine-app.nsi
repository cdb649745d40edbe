; A minimal NSIS installer for armready's installer-engine tests: it installs one fixture PE.
; make-engines.sh builds it twice: default compression (zlib) and -DSOLID_LZMA.
!ifdef SOLID_LZMA
SetCompressor /SOLID lzma
!endif
Unicode true
Name "armready engine fixture"
OutFile "${OUT}"
InstallDir "$TEMP\armready-engine-fixture"
RequestExecutionLevel user
SetDatablockOptimize on
Section
  SetOutPath "$INSTDIR"
  File "/oname=app.exe" "${PAYLOAD}"
SectionEnd
