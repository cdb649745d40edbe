#!/usr/bin/env python3
"""Lints the GitHub Action and the workflows armready documents.

- actionlint on .github/workflows/*.yml (which run the action at ./, so actionlint also checks
  the inputs and outputs they use against action.yml);
- actionlint on every workflow in README.md (```yaml blocks with `jobs:`), each written to a
  scratch repository;
- shellcheck on every `run:` script of action.yml (actionlint checks workflow scripts, not a
  composite action's), with `${{ ... }}` expressions replaced by a plain word.

Exits 1 on any finding, 2 when a tool is missing (scripts/setup.sh --test installs them).
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
for tool in ("actionlint", "shellcheck"):
    if shutil.which(tool) is None:
        print(f"lint-actions: {tool} is not installed (scripts/setup.sh --test)", file=sys.stderr)
        sys.exit(2)

failed = False


def run(command, cwd):
    global failed
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        failed = True
        print(f"lint-actions: {' '.join(map(str, command))} (in {cwd}):\n{result.stdout}{result.stderr}")
    return result.returncode == 0


workflows = sorted((root / ".github/workflows").glob("*.yml"))
if not workflows:
    print("lint-actions: no workflow in .github/workflows", file=sys.stderr)
    sys.exit(1)
run(["actionlint", *[str(w.relative_to(root)) for w in workflows]], root)

readme = (root / "README.md").read_text()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "jobs:" in b and "runs-on:" in b]
with tempfile.TemporaryDirectory() as scratch:
    folder = pathlib.Path(scratch) / ".github/workflows"
    folder.mkdir(parents=True)
    shutil.copy(root / "action.yml", scratch)
    for index, block in enumerate(blocks):
        (folder / f"readme-{index}.yml").write_text(block)
    if blocks:
        run(["actionlint", *[f".github/workflows/readme-{i}.yml" for i in range(len(blocks))]], scratch)

    action = yaml.safe_load((root / "action.yml").read_text())
    for index, step in enumerate(action["runs"]["steps"]):
        script = step.get("run")
        if script is None:
            continue
        plain = re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", script)
        path = pathlib.Path(scratch) / f"step-{index}.sh"
        path.write_text("#!/usr/bin/env bash\n" + plain)
        if not run(["shellcheck", "--shell=bash", str(path)], scratch):
            print(f"lint-actions: action.yml step {index + 1} ({step.get('name', '')})")

print(f"lint-actions: {len(workflows)} workflow(s), {len(blocks)} README workflow(s), action.yml: "
      + ("findings above" if failed else "clean"))
sys.exit(1 if failed else 0)
