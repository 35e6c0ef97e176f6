#!/bin/sh
# Checks an HTML report of clearance in headless Chromium:
#   - the page loads with no console message and no uncaught JavaScript exception (the report's
#     script logs nothing, so any console line is a failure);
#   - the DOM after the script ran still holds the executive summary and every row of the
#     component table, and the search box was switched on;
#   - a screenshot of the top of the page (the summary) is a PNG of the expected size that is
#     not blank;
#   - clicking the component table's headers sorts it and the search box filters it.
#
# Usage: scripts/check-html-report.sh REPORT.html OUT_DIR
# Writes OUT_DIR/summary.png, OUT_DIR/dom.html and OUT_DIR/chromium.log. Exit status 0 when all
# checks pass, 1 when one fails, 2 on bad usage or when Chromium is missing.
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: $0 REPORT.html OUT_DIR" >&2
    exit 2
fi
report=$1
out=$2
if [ ! -f "$report" ]; then
    echo "error: no report at \`$report\`" >&2
    exit 2
fi
chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
    for c in chromium chromium-browser google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then
            chromium=$c
            break
        fi
    done
fi
if [ -z "$chromium" ]; then
    echo "error: Chromium not found (install the \`chromium\` package or set CHROMIUM)" >&2
    exit 2
fi
mkdir -p "$out"
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM

run() {
    timeout 120 "$chromium" --headless=new --disable-gpu --no-sandbox --no-first-run \
        --disable-extensions --disable-background-networking --hide-scrollbars \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
}

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# 1. Load the page, dump the DOM after the script ran, keep the log.
if ! run --dump-dom "$url" >"$out/dom.html" 2>"$out/chromium.log"; then
    fail "Chromium did not load \`$report\` (see $out/chromium.log)"
fi
if grep -E 'CONSOLE|Uncaught' "$out/chromium.log" >"$out/console.txt"; then
    fail "console messages or JavaScript exceptions:"
    cat "$out/console.txt" >&2
fi

# 2. The DOM still holds the summary and the whole component table, and the script ran.
grep -q '<section id="summary">' "$out/dom.html" || fail "no summary section in the DOM"
grep -q 'Executive summary' "$out/dom.html" || fail "no executive summary heading in the DOM"
rows_file=$(grep -o '<tr data-verdict=' "$report" | wc -l)
rows_dom=$(grep -o '<tr data-verdict=' "$out/dom.html" | wc -l)
if [ "$rows_file" -ne "$rows_dom" ]; then
    fail "the component table has $rows_file rows in the file but $rows_dom in the DOM"
fi
if [ "$rows_file" -gt 0 ]; then
    grep -q '<p id="filter-box">' "$out/dom.html" || fail "the search box was not switched on (script did not run?)"
    grep -q ">$rows_file of $rows_file components shown<" "$out/dom.html" ||
        fail "the search box does not count $rows_file components shown"
    grep -q 'data-sort=' "$out/dom.html" || fail "the table headers were not made sortable (script did not run?)"
fi

# 3. A screenshot of the summary, checked to be a non-blank PNG.
rm -f "$out/summary.png"
run --screenshot="$out/summary.png" --window-size=1280,900 "$url" >/dev/null 2>"$out/screenshot.log" ||
    fail "Chromium could not take a screenshot (see $out/screenshot.log)"
if [ -f "$out/summary.png" ]; then
    python3 - "$out/summary.png" <<'PY' || fail "the screenshot is not a usable PNG of the summary"
import struct, sys, zlib

path = sys.argv[1]
data = open(path, "rb").read()
if len(data) < 10_000:
    sys.exit(f"{path}: only {len(data)} bytes")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    (length,) = struct.unpack(">I", data[pos:pos + 4])
    kind = data[pos + 4:pos + 8]
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour, _, _, interlace = ihdr
if (width, height) != (1280, 900):
    sys.exit(f"{path}: {width}x{height}, expected 1280x900")
if depth != 8 or colour not in (2, 6) or interlace:
    sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {colour})")
bpp = 3 if colour == 2 else 4
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours = set()
for y in range(height):
    line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
    kind, cur = line[0], bytearray(line[1:])
    for i in range(stride):
        a = cur[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            cur[i] = (cur[i] + a) & 255
        elif kind == 2:
            cur[i] = (cur[i] + b) & 255
        elif kind == 3:
            cur[i] = (cur[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0:
        for x in range(0, stride, bpp * 4):
            colours.add(bytes(cur[x:x + 3]))
    prev = cur
if len(colours) < 8:
    sys.exit(f"{path}: nearly blank ({len(colours)} colours)")
print(f"{path}: {width}x{height}, {len(data)} bytes, {len(colours)}+ colours")
PY
else
    fail "no screenshot was written"
fi

# 4. The table's script works: sorting by a header (both ways, and by verdict: failing first)
#    and the search box, driven through the DevTools protocol (over a pipe; standard library
#    only), which also reports any console message or exception met while doing so.
if [ "$rows_file" -gt 0 ]; then
    rm -rf "${profile:?}"/*
    python3 - "$chromium" "$url" "$profile" <<'PY' || fail "sorting or searching the component table does not work"
import json, os, subprocess, sys, time

chromium, url, profile = sys.argv[1:4]
to_r, to_w = os.pipe()      # we write commands, Chromium reads fd 3
from_r, from_w = os.pipe()  # Chromium writes fd 4, we read
proc = subprocess.Popen(
    [chromium, "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run",
     "--disable-extensions", "--disable-background-networking",
     f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
    pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)),
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_r); os.close(from_w)
buf, ids, errors = b"", 0, []

def send(method, params=None, session=None):
    global ids
    ids += 1
    msg = {"id": ids, "method": method, "params": params or {}}
    if session:
        msg["sessionId"] = session
    os.write(to_w, json.dumps(msg).encode() + b"\0")
    return wait(lambda m: m.get("id") == ids)

def wait(pred, timeout=60):
    global buf
    end = time.time() + timeout
    while time.time() < end:
        while b"\0" in buf:
            raw, buf = buf.split(b"\0", 1)
            m = json.loads(raw)
            method = m.get("method")
            if method == "Runtime.exceptionThrown":
                d = m["params"]["exceptionDetails"]
                errors.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
            elif method == "Runtime.consoleAPICalled":
                args = " ".join(str(a.get("value", a.get("description", ""))) for a in m["params"]["args"])
                errors.append(f"console.{m['params']['type']}: {args}")
            elif method == "Log.entryAdded":
                e = m["params"]["entry"]
                if e["level"] in ("error", "warning"):
                    errors.append(f"log {e['level']}: {e['text']} {e.get('url', '')}")
            if pred(m):
                if "error" in m:
                    sys.exit(f"DevTools error: {m['error']}")
                return m
        chunk = os.read(from_r, 1 << 16)
        if not chunk:
            sys.exit("Chromium closed the DevTools pipe")
        buf += chunk
    sys.exit("timed out waiting for Chromium")

try:
    target = send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
    for domain in ("Runtime", "Log", "Page"):
        send(f"{domain}.enable", session=session)
    send("Page.navigate", {"url": url}, session=session)
    wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
    check = r"""
(() => {
  const t = document.getElementById("component-table");
  if (!t) { return {error: "no component table"}; }
  const rows = () => Array.from(t.tBodies[0].rows);
  const names = () => rows().map(r => r.cells[0].textContent.trim().toLowerCase());
  const visible = () => rows().filter(r => !r.classList.contains("hidden")).length;
  const th = t.tHead.rows[0].cells[0];
  th.click(); const asc = names();
  th.click(); const desc = names();
  const vh = t.tHead.rows[0].cells[6];
  vh.click();
  const firstVerdict = () => rows()[0] ? rows()[0].getAttribute("data-verdict") : "";
  const worst = firstVerdict();
  const fails = rows().filter(r => r.getAttribute("data-verdict") === "fail").length;
  const input = document.getElementById("filter");
  const set = v => { input.value = v; input.dispatchEvent(new Event("input")); return visible(); };
  const none = set("\u0000no component is called this\u0000");
  const one = set(asc[0] || "");
  const all = set("");
  return {total: rows().length, asc, desc, none, one, all, worst, fails,
          boxShown: !document.getElementById("filter-box").hidden};
})()
"""
    r = send("Runtime.evaluate", {"expression": check, "returnByValue": True}, session=session)
    v = r["result"]["result"].get("value") or {}
    problems = list(errors)
    if "error" in v:
        problems.append(v["error"])
    else:
        n = v["total"]
        if n > 1 and v["asc"] == v["desc"]:
            problems.append("clicking the Name header twice did not reverse the order")
        if n > 1 and v["desc"] != list(reversed(v["asc"])) and len(set(v["asc"])) == n:
            problems.append("descending order is not the ascending order reversed")
        if v["fails"] and v["worst"] != "fail":
            problems.append(f"sorting by verdict puts {v['worst']!r} first, not a failing component")
        if not v["boxShown"]:
            problems.append("the search box is hidden")
        if v["none"] != 0:
            problems.append(f"a search that matches nothing shows {v['none']} rows")
        if n and not (1 <= v["one"] <= n):
            problems.append(f"a search for a component's name shows {v['one']} rows")
        if v["all"] != n:
            problems.append(f"clearing the search shows {v['all']} of {n} rows")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"interaction ok: {v['total']} rows sorted both ways and filtered")
finally:
    try:
        send("Browser.close")
    except SystemExit:
        pass
    proc.wait(timeout=30)
PY
fi

if [ "$status" -eq 0 ]; then
    echo "ok: $report loads without console errors; summary and $rows_dom component rows present; screenshot $out/summary.png"
fi
exit "$status"
