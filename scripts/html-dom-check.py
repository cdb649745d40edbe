#!/usr/bin/env python3
"""Open an armready HTML report in headless Chromium and print what its DOM holds, as JSON.

Used by Tests/ReportingTests/HTMLChromium*.swift, and by hand:

    python3 scripts/html-dom-check.py report.html [--hash 'v=blocked'] [--screenshot out.png] [--dark]
        [--viewport 390,800 [--viewport-screenshot out.png] [--pdf out.pdf]]

Chromium (Debian's `chromium`, or $ARMREADY_CHROMIUM) loads the file with --dump-dom; the page's
script marks body[data-ready], body[data-errors] and body[data-load-ms]. The output has those,
the wall-clock seconds Chromium took, counts of every tag, the tiles (data-tile -> count text,
thousands separators removed),
application cards (data-app -> data-verdict), the reason texts of each card (data-app -> the
text of its .reason-text elements, in order), the row counter's data attributes, the text of
every binary-path cell. With --viewport W,H the page is also opened at exactly that viewport
(through the DevTools protocol on a pipe: --window-size cannot go below 500 px) and "layout" has
its innerWidth and the document's scrollWidth and scrollHeight; --viewport-screenshot saves
that view; --pdf prints the page (Letter, no header or footer, as a person's Print would) to
that file and layout.pdfPages is its page count. Exit status 2 when Chromium is missing or fails.
"""
import argparse
import base64
import fcntl
import html.parser
import json
import os
import pathlib
import re
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
        self.reasons = {}
        self._app = None
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
            self._app = a["data-app"]
            self.reasons[self._app] = []
        if tag == "span" and "reason-text" in (a.get("class") or "").split() and self._app is not None:
            capture = ("reason", self._app)
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
        if tag not in ("br", "wbr", "meta", "input", "img", "link"):
            self._stack.append([tag, capture, ""])

    def handle_endtag(self, tag):
        while self._stack:
            t, capture, text = self._stack.pop()
            if capture:
                if capture[0] == "tile":
                    self.tiles[capture[1]] = text.replace(",", "")
                elif capture[0] == "reason":
                    self.reasons[capture[1]].append(text)
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


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe: JSON messages ended by NUL, sent on
    the browser's fd 3 and read from its fd 4."""

    def __init__(self, command):
        to_child_r, self._send = os.pipe()
        self._receive, from_child_w = os.pipe()
        # Above 9 so that moving them to 3 and 4 in the child cannot overwrite one another.
        to_child_r, from_child_w = (self._high(fd) for fd in (to_child_r, from_child_w))
        # bash (dash takes one-digit descriptors only) puts the pipe ends at 3 and 4, whatever numbers they have here.
        shell = f'exec "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        self.process = subprocess.Popen(["bash", "-c", shell, "bash"] + command, pass_fds=(to_child_r, from_child_w),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events = []

    @staticmethod
    def _high(fd):
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
        os.close(fd)
        return moved

    def _read(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._send, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        while True:
            for n, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[n]
                    return event
            self.events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._send)
        os.close(self._receive)


def layout(args, profile, url, width, height):
    """Opens url at a width x height viewport; returns its size, and prints or shoots it if asked."""
    tools = DevTools(run(args, os.path.join(profile, "layout")) + ["--remote-debugging-pipe", "about:blank"])
    try:
        page = next(t for t in tools.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        session = tools.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        tools.call("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                   deviceScaleFactor=1, mobile=False)
        tools.call("Page.enable", session)
        tools.call("Page.navigate", session, url=url)
        tools.wait_for("Page.loadEventFired")
        size = tools.call("Runtime.evaluate", session, returnByValue=True, expression=(
            "({ready: document.body.getAttribute('data-ready') === '1', viewportWidth: window.innerWidth,"
            " scrollWidth: document.documentElement.scrollWidth,"
            " scrollHeight: document.documentElement.scrollHeight})"))["result"]["value"]
        if args.viewport_screenshot:
            shot = tools.call("Page.captureScreenshot", session, format="png")
            pathlib.Path(args.viewport_screenshot).write_bytes(base64.b64decode(shot["data"]))
        size["pdfPages"] = None
        if args.pdf:
            tools.call("Emulation.clearDeviceMetricsOverride", session)
            printed = tools.call("Page.printToPDF", session, displayHeaderFooter=False, printBackground=False)
            data = base64.b64decode(printed["data"])
            pathlib.Path(args.pdf).write_bytes(data)
            # Chromium (Skia) writes each page as an uncompressed /Type /Page object.
            size["pdfPages"] = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
        return size
    except (RuntimeError, OSError, StopIteration, KeyError) as error:
        print(f"DevTools: {error}", file=sys.stderr)
        return None
    finally:
        tools.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--hash", default="")
    parser.add_argument("--screenshot")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--window-size", default="1400,1000")
    parser.add_argument("--viewport", help="W,H: also measure the layout at exactly this viewport")
    parser.add_argument("--viewport-screenshot", help="with --viewport: save that view as PNG")
    parser.add_argument("--pdf", help="with --viewport: print the page to this PDF file and count its pages")
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
        measured = None
        if args.viewport:
            width, height = (int(x) for x in args.viewport.split(","))
            measured = layout(args, profile, url, width, height)
            if measured is None:
                return 2
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
        "reasons": facts.reasons,
        "layout": measured,
        "rowCount": facts.row_count,
        "rows": facts.rows,
        "paths": facts.paths,
    }, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
