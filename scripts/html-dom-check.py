#!/usr/bin/env python3
"""Open an armready HTML report in headless Chromium and print what its DOM holds, as JSON.

Used by Tests/ReportingTests/HTMLChromium*.swift, and by hand:

    python3 scripts/html-dom-check.py report.html [--hash 'v=blocked'] [--screenshot out.png] [--dark]

Chromium (Debian's `chromium`, or $ARMREADY_CHROMIUM) loads the file with --dump-dom; the page's
script marks body[data-ready], body[data-errors] and body[data-load-ms]. The output has those,
the wall-clock seconds Chromium took, counts of every tag, the tiles (data-tile -> count text,
thousands separators removed),
application cards (data-app -> data-verdict), the row counter's data attributes, and the text
of every binary-path cell. Exit status 2 when Chromium is missing or fails.
"""
import argparse
import html.parser
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time


class DOMFacts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.classes = {}
        self.body = {}
        self.tiles = {}
        self.apps = {}
        self.row_count = {}
        self.paths = []
        self.rows = []
        self._stack = []  # (tag, capture-key)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name in (a.get("class") or "").split():
            self.classes[name] = self.classes.get(name, 0) + 1
        capture = None
        if tag == "body":
            self.body = a
        if "data-app" in a and tag == "article":
            self.apps[a["data-app"]] = a.get("data-verdict")
        if a.get("id") == "row-count":
            self.row_count = {k: v for k, v in a.items() if k.startswith("data-")}
        if tag == "tr" and "data-index" in a:
            self.rows.append(a.get("data-verdict"))
        if "data-tile" in a:
            self._tile = a["data-tile"]
        if tag == "div" and a.get("class") == "count" and getattr(self, "_tile", None):
            capture = ("tile", self._tile)
            self._tile = None
        if tag == "td" and "path" in (a.get("class") or "").split():
            capture = ("path", None)
        if tag not in ("br", "meta", "input", "img", "link"):
            self._stack.append([tag, capture, ""])

    def handle_endtag(self, tag):
        while self._stack:
            t, capture, text = self._stack.pop()
            if capture:
                if capture[0] == "tile":
                    self.tiles[capture[1]] = text.replace(",", "")
                else:
                    self.paths.append(text)
            if self._stack and self._stack[-1][1]:
                self._stack[-1][2] += text
            if t == tag:
                break

    def handle_data(self, data):
        if self._stack and self._stack[-1][1]:
            self._stack[-1][2] += data


def chromium() -> str:
    exe = os.environ.get("ARMREADY_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        print("chromium not found: apt-get install chromium (scripts/setup.sh does)", file=sys.stderr)
        sys.exit(2)
    return exe


def run(args, profile):
    base = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
            f"--user-data-dir={profile}"]
    if args.dark:
        base.append("--blink-settings=preferredColorScheme=0")
        base.append("--force-dark-mode")
    return base


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--hash", default="")
    parser.add_argument("--screenshot")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--window-size", default="1400,1000")
    parser.add_argument("--budget", default="3000", help="--virtual-time-budget in ms (0: none)")
    args = parser.parse_args()
    url = pathlib.Path(args.file).resolve().as_uri() + (("#" + args.hash) if args.hash else "")
    with tempfile.TemporaryDirectory() as profile:
        command = run(args, profile) + ["--dump-dom"]
        if args.budget != "0":
            command.append(f"--virtual-time-budget={args.budget}")
        start = time.monotonic()
        done = subprocess.run(command + [url], capture_output=True, text=True, timeout=120)
        seconds = time.monotonic() - start
        if done.returncode != 0 or not done.stdout:
            print(done.stderr[-2000:], file=sys.stderr)
            return 2
        if args.screenshot:
            shot = run(args, profile) + [f"--screenshot={args.screenshot}", f"--window-size={args.window_size}",
                                         "--hide-scrollbars", "--virtual-time-budget=3000", url]
            subprocess.run(shot, capture_output=True, timeout=120)
    facts = DOMFacts()
    facts.feed(done.stdout)
    facts.close()
    print(json.dumps({
        "ready": facts.body.get("data-ready") == "1",
        "errors": facts.body.get("data-errors", ""),
        "loadMs": int(facts.body.get("data-load-ms", "-1")),
        "seconds": round(seconds, 3),
        "tags": facts.tags,
        "classes": facts.classes,
        "tiles": facts.tiles,
        "apps": facts.apps,
        "rowCount": facts.row_count,
        "rows": facts.rows,
        "paths": facts.paths,
    }, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
