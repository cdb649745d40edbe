"""What both asset embedders share: Swift raw string literals and the write-or-check step.

Used by scripts/generate-embedded-assets.py (Rules/) and scripts/embed-report-assets.py
(Reports/), which keep the armready binary self-contained (no Bundle.module).
"""
import pathlib
import sys


def raw_literal(text: str) -> str:
    """A Swift multi-line raw string literal whose value is exactly `text`."""
    hashes = "#"
    while ('"""' + hashes) in text or ("\\" + hashes) in text:
        hashes += "#"
    # The line break before the closing delimiter is not part of the value.
    return f'{hashes}"""\n{text}\n"""{hashes}'


def file_entries(root: pathlib.Path, paths) -> list:
    """`EmbeddedFile(path:contents:)` lines for each path (relative to `root`), in order."""
    out = []
    for rel in paths:
        text = (root / rel).read_text(encoding="utf-8").replace("\r\n", "\n")
        out.append("        EmbeddedFile(")
        out.append(f'            path: "{rel}",')
        out.append(f"            contents: {raw_literal(text)}),")
    return out


def write_or_check(root: pathlib.Path, output: pathlib.Path, content: str, script: str, count: int) -> int:
    """With `--check` on the command line: exit status 1 when `output` differs from `content`.
    Otherwise writes it. Returns the exit status."""
    if "--check" in sys.argv[1:]:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != content:
            print(f"{output.relative_to(root)} is stale; run {script}", file=sys.stderr)
            return 1
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(content, encoding="utf-8")
    print(f"wrote {output.relative_to(root)} ({count} files)")
    return 0
