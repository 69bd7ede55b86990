#!/usr/bin/python3
"""The HTML report as a browser shows it, in headless Chromium.

Usage: check_report.py REPORT_TEST OUTDIR

REPORT_TEST (tests/report/report_test.c) writes the report of a small but
complete customer base into OUTDIR/chromium/report.html; then three Chromium
runs, each with a fresh profile, check it:

1. --dump-dom: the DOM Chromium built holds every section and every chart,
   each <svg> with a positive width and height, a viewBox, role="img" and a
   <title>; there is no <script> and no external resource.
2. --screenshot=OUTDIR/report.png --window-size=1280,4000: the PNG exists, has
   that size and is not blank.
3. Console errors and rendered sizes, through the DevTools protocol on
   --remote-debugging-pipe (JSON messages separated by NUL on file
   descriptors 3 and 4). The page is loaded; Runtime.consoleAPICalled of type
   error or assert, Runtime.exceptionThrown and Log.entryAdded of level error
   count as console errors, and any request other than file: or data: fails
   the test. Each <svg>'s getBoundingClientRect() is read with
   Runtime.evaluate from outside the page, so the report itself stays free of
   script. A canary page with a console.error, an uncaught exception and a
   missing image is then loaded in the same browser and must produce those
   three errors, which proves the listener works in this Chromium.

   Why not --enable-logging=stderr: Chromium logs every console message as
   "INFO:CONSOLE" whatever its level (console.error included), and its stderr
   is full of unrelated "ERROR:" lines (D-Bus and the like), so grepping it
   can neither see a console.error nor stay quiet without one.

Every Chromium is started in its own process group, which is killed when the
run ends, so no helper process outlives the test, and with HOME and the XDG
directories inside its fresh profile, so it writes nothing elsewhere. Without chromium the test is
skipped (exit 77, Meson's skip code); Debian installs it with
`apt-get install chromium` (the root Makefile's PACKAGES list has it).
Standard library only.
"""

import fcntl
import html.parser
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

SKIP = 77
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
]
CHARTS = [  # the start of each chart's <title>, in page order
    "Pareto curve", "ABC × XYZ heat map", "RFM heat map", "Customers per lifecycle stage",
    "Churn rate and repeat-purchase rate",
]
SECTIONS = ["overview", "pareto", "abc-xyz", "rfm", "lifecycle", "renew", "classes", "parameters"]
SHOT_SIZE = (1280, 4000)
TIMEOUT = 60

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def find_chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def private_env(profile):
    """The environment with home, configuration and cache in the fresh profile,
    so that Chromium leaves nothing (crash reports, dconf) in the user's home."""
    return dict(os.environ, HOME=profile, XDG_CONFIG_HOME=os.path.join(profile, "config"),
                XDG_CACHE_HOME=os.path.join(profile, "cache"))


def run_chromium(chromium, profile, args):
    """One headless run; returns (exit code, stdout, stderr) as text."""
    cmd = [chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile] + args
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=private_env(profile), start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        check(False, "chromium %s timed out" % args[0])
    finally:
        kill_group(proc)
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


# ---- 1. the rendered DOM ------------------------------------------------------

class DomReader(html.parser.HTMLParser):
    """Collects the svg elements (attributes and title), sections and anything external."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svgs, self.sections, self.scripts, self.external = [], [], 0, []
        self._title_of, self._in_svg = None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svgs.append({"attrs": a, "title": None})
            self._in_svg = True
        elif tag == "title" and self._in_svg and self.svgs[-1]["title"] is None:
            self._title_of = self.svgs[-1]
            self._title_of["title"] = ""
        elif tag == "section":
            self.sections.append(a.get("id"))
        elif tag == "script":
            self.scripts += 1
        for name in ("src", "href", "action", "poster", "data"):
            v = (a.get(name) or "").strip().lower()
            if v and not (v.startswith("data:") or v.startswith("#")):
                self.external.append("%s %s=%s" % (tag, name, v))

    def handle_endtag(self, tag):
        if tag == "title":
            self._title_of = None
        elif tag == "svg":
            self._in_svg = False

    def handle_data(self, data):
        if self._title_of is not None:
            self._title_of["title"] += data


def positive(v):
    try:
        return float(v) > 0
    except (TypeError, ValueError):
        return False


def check_dom(chromium, url):
    with tempfile.TemporaryDirectory(prefix="report-dom-") as profile:
        rc, dom, err = run_chromium(chromium, profile, ["--dump-dom", url])
    if not check(rc == 0 and "<html" in dom, "--dump-dom failed (exit %s): %s" % (rc, err[-2000:])):
        return
    r = DomReader()
    r.feed(dom)
    check(r.sections == SECTIONS, "sections %s" % r.sections)
    check(r.scripts == 0, "%d script elements" % r.scripts)
    check(not r.external, "external resources: %s" % r.external)
    check("http://" not in dom and "https://" not in dom, "a URL in the DOM")
    check(len(r.svgs) == len(CHARTS), "%d charts in the DOM, not %d" % (len(r.svgs), len(CHARTS)))
    for chart, svg in zip(CHARTS, r.svgs):
        a = svg["attrs"]
        check((svg["title"] or "").startswith(chart), "chart %r has title %r" % (chart, svg["title"]))
        check(positive(a.get("width")) and positive(a.get("height")), "%s: width/height %s/%s"
              % (chart, a.get("width"), a.get("height")))
        check(a.get("viewbox", "").startswith("0 0 "), "%s: viewBox %r" % (chart, a.get("viewbox")))
        check(a.get("role") == "img", "%s: role %r" % (chart, a.get("role")))
    print("dom: %d sections, %d charts" % (len(r.sections), len(r.svgs)))


# ---- 2. the screenshot --------------------------------------------------------

def check_screenshot(chromium, url, png):
    if os.path.exists(png):
        os.unlink(png)
    with tempfile.TemporaryDirectory(prefix="report-shot-") as profile:
        rc, _, err = run_chromium(chromium, profile, [
            "--screenshot=" + png, "--window-size=%d,%d" % SHOT_SIZE, url])
    if not check(rc == 0 and os.path.exists(png), "no screenshot (exit %s): %s" % (rc, err[-2000:])):
        return
    with open(png, "rb") as f:
        data = f.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "%s is not a PNG" % png)
    size = struct.unpack(">II", data[16:24]) if len(data) >= 24 else (0, 0)
    check(size == SHOT_SIZE, "screenshot is %dx%d" % size)
    # A blank page of this size compresses to a few kilobytes; text and charts do not.
    check(len(data) > 40000, "screenshot of %d bytes looks blank" % len(data))
    print("screenshot: %s (%dx%d, %d bytes)" % (png, size[0], size[1], len(data)))


# ---- 3. console errors and rendered sizes over the DevTools protocol ----------

class DevTools:
    """Chromium driven over --remote-debugging-pipe: it reads commands on fd 3
    and writes replies and events on fd 4, each a JSON text ended by NUL."""

    def __init__(self, chromium, profile):
        cmd_r, cmd_w = os.pipe()
        ev_r, ev_w = os.pipe()
        # Keep the child's ends clear of 3 and 4 so that dup2 cannot clobber one.
        child_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(ev_w, fcntl.F_DUPFD_CLOEXEC, 10)
        for fd in (cmd_r, ev_w):
            os.close(fd)

        def to_3_and_4():
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        cmd = [chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--remote-debugging-pipe"]
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     env=private_env(profile), preexec_fn=to_3_and_4, close_fds=False,
                                     start_new_session=True)
        os.close(child_r)
        os.close(child_w)
        self.w, self.r = cmd_w, ev_r
        self.buf, self.next_id, self.events, self.session = b"", 0, [], None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired, RuntimeError):
            pass
        kill_group(self.proc)
        self.proc.wait()
        for fd in (self.w, self.r):
            os.close(fd)
        self.log.close()

    def stderr_tail(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-2000:]

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                return None
            chunk = os.read(self.r, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe: " + self.stderr_tail())
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, wait=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self._read_message(deadline)
            if m is None:
                raise RuntimeError("no reply to " + method)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, seconds):
        deadline = time.monotonic() + seconds
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method:
                    del self.events[i]
                    return m
            m = self._read_message(deadline)
            if m is None:
                return None
            self.events.append(m)

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        while True:
            m = self._read_message(deadline)
            if m is None:
                return
            self.events.append(m)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(domain + ".enable")

    def load(self, url):
        """Navigate, wait for the load event and a moment more; return the events seen."""
        self.events = []
        self.send("Page.navigate", {"url": url})
        if not self.wait_event("Page.loadEventFired", TIMEOUT):
            raise RuntimeError("no load event for " + url)
        self.drain(0.5)
        seen, self.events = self.events, []
        return seen

    def evaluate(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return r.get("result", {}).get("value")


def problems(events):
    """Console errors and requests that leave the machine, in words."""
    out = []
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description")))
                                                                 for a in p.get("args", []))))
        elif m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("uncaught: %s" % d.get("exception", {}).get("description", d.get("text")))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            out.append("log error: %s" % p["entry"].get("text"))
        elif m == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if not (url.startswith("file:") or url.startswith("data:")):
                out.append("network request: %s" % url)
    return out


MEASURE = """JSON.stringify({
  scripts: document.scripts.length,
  svgs: Array.from(document.querySelectorAll('svg')).map(function (s) {
    var r = s.getBoundingClientRect(), t = s.querySelector('title');
    return {title: t ? t.textContent : null, width: r.width, height: r.height};
  })
})"""

CANARY = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title></head><body>
<img src="missing-canary.png" alt="">
<script>console.error("canary console.error"); throw new Error("canary exception");</script>
</body></html>
"""


def check_console(chromium, url, workdir):
    canary = os.path.join(workdir, "canary.html")
    with open(canary, "w", encoding="utf-8") as f:
        f.write(CANARY)
    with tempfile.TemporaryDirectory(prefix="report-cdp-") as profile:
        browser = DevTools(chromium, profile)
        try:
            browser.open_page()
            found = problems(browser.load(url))
            check(not found, "the report logged errors or left the machine: %s" % found)
            measured = json.loads(browser.evaluate(MEASURE))
            check(measured["scripts"] == 0, "%d scripts in the live page" % measured["scripts"])
            check(len(measured["svgs"]) == len(CHARTS), "%d charts rendered" % len(measured["svgs"]))
            for svg in measured["svgs"]:
                check(svg["width"] > 0 and svg["height"] > 0, "chart %r rendered at %sx%s"
                      % (svg["title"], svg["width"], svg["height"]))
            print("rendered: " + ", ".join("%s %gx%g" % ((s["title"] or "?").split(":")[0], s["width"],
                                                         s["height"]) for s in measured["svgs"]))
            caught = problems(browser.load("file://" + canary))
            kinds = {p.split(":")[0] for p in caught}
            check({"console.error", "uncaught", "log error"} <= kinds,
                  "the canary's errors were not all caught (%s): the console check is blind" % caught)
            print("console: %d problem%s in the report; the canary's %d errors were caught"
                  % (len(found), "" if len(found) == 1 else "s", len(caught)))
        except RuntimeError as e:
            check(False, "DevTools session: %s\n%s" % (e, browser.stderr_tail()))
        finally:
            browser.close()


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    report_test, outdir = sys.argv[1], os.path.abspath(sys.argv[2])
    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium, or make deps)")
        return SKIP
    workdir = os.path.join(outdir, "chromium")
    os.makedirs(workdir, exist_ok=True)
    gen = subprocess.run([report_test, workdir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if not check(gen.returncode == 0, "report_test failed:\n" + gen.stdout.decode("utf-8", "replace")):
        return 1
    url = "file://" + os.path.join(workdir, "report.html")
    check_dom(chromium, url)
    check_screenshot(chromium, url, os.path.join(outdir, "report.png"))
    check_console(chromium, url, workdir)
    print("report_chromium: %s (%d failure%s)" % ("FAILED" if failures else "passed", len(failures),
                                                  "" if len(failures) == 1 else "s"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
