#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium renders the page
# test_render writes from its hand-built report (BUILD/report-example.html),
#  1. the DOM after load has the matrix: one cell per item per pair, each
#     with its verdict class and title, and the evidence panel;
#  2. a screenshot (1280x1100) shows the matrix: the PNG is decoded with
#     the python3 standard library and every verdict colour the fixture
#     uses must cover at least one cell-sized connected area per cell of
#     that verdict (legend swatches and badges are far smaller), and the
#     red ring of the not-handled cell must be there;
#  3. a click on a cell (a script appended to a copy of the page) puts
#     that item's findings into the evidence panel;
#  4. the page of a multi-header run with 2,600 ioctls that test_render
#     writes (BUILD/report-big.html, 52 headers of 50 ioctls, two pairs):
#     after load every header group is collapsed and the status counts
#     every row; filters applied by a script appended to a copy (the
#     verdict and pair selects and the search box, through their change
#     and input events, and window.uabiFilter) leave shown exactly the
#     rows the static page says match (counted here from the cells'
#     classes, and against the numbers of the fixture), hide the other
#     pair's column, open the groups with a match and hide the others;
#     clearing the filters shows every row and closes the groups again;
#     a fragment naming a row (#r1234) opens that row's group only.
# Screenshots and DOM dumps stay in BUILD/render-screenshot/ for a look.
#
#   tests/render/html-screenshot.sh [BUILD]      (default: build-render, then build)
#
# Prints PASS/FAIL lines; exit 0 all passed, 1 a failure, 77 skipped
# (no Chromium and it cannot be installed).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-}
if [[ -z $build ]]; then
	for b in "$top/build-render" "$top/build"; do
		[[ -x $b/test_render ]] && build=$b && break
	done
fi
if [[ -z $build || ! -d $build ]]; then
	echo "FAIL no build directory with test_render (give one as the argument)"
	exit 1
fi
build=$(cd "$build" && pwd)
page=$build/report-example.html
big=$build/report-big.html
out=$build/render-screenshot
mkdir -p "$out"

# a fresh page: test_render writes it (a failing test_render is its own
# test's business; the page is written first)
if [[ -x $build/test_render ]]; then
	rm -f "$page" "$big"
	"$build/test_render" >"$out/test_render.log" 2>&1
fi
for f in "$page" "$big"; do
	if [[ ! -f $f ]]; then
		echo "FAIL $f was not written (log in $out/test_render.log)"
		exit 1
	fi
done

chromium=/usr/bin/chromium
if [[ ! -x $chromium ]]; then
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >"$out/apt.log" 2>&1
	fi
	if [[ ! -x $chromium ]]; then
		echo "SKIP chromium is not installed and cannot be (apt-get install chromium)"
		exit 77
	fi
fi

profile=$(mktemp -d "${TMPDIR:-/tmp}/uabi-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
t_exit_on_signals

# Chromium, offline and without a first-run dance; its D-Bus chatter goes
# to a log.
chrome() {
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1100 "$@" \
		2>>"$out/chromium.log"
}

# the page with a click on KVM_GET_DIRTY_LOG of x86_64 -> i386 (handled)
clicked=$out/clicked.html
sed 's|</body>|<script>document.querySelector('"'"'td.cell[data-item="p0-i2"]'"'"').click();</script>\n</body>|' \
	"$page" >"$clicked"

: >"$out/chromium.log"
chrome --screenshot="$out/shot.png" "file://$page" >/dev/null
chrome --dump-dom "file://$page" >"$out/dom.html"
chrome --screenshot="$out/shot-click.png" "file://$clicked" >/dev/null
chrome --dump-dom "file://$clicked" >"$out/dom-click.html"

# the 2,600-row page: as loaded, and with filters set by a script appended
# to a copy (what it saw on the way goes into the page title)
filtered() {	# NAME SCRIPT
	sed "s|</body>|<script>$2</script>\n</body>|" "$big" >"$out/big-$1.html"
	chrome --dump-dom "file://$out/big-$1.html" >"$out/dom-big-$1.html"
}
chrome --dump-dom "file://$big" >"$out/dom-big.html"
chrome --dump-dom "file://$big#r1234" >"$out/dom-big-hash.html"
set_sel='function set(id, v, ev) { var e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event(ev)); }'
st='document.getElementById("f-status").textContent'
filtered layout "$set_sel set(\"f-verdict\", \"layout-differs\", \"change\");"
filtered failarm "$set_sel set(\"f-verdict\", \"fail\", \"change\"); set(\"f-pair\", \"1\", \"change\");"
filtered text "$set_sel set(\"f-text\", \"HDR07\", \"input\");"
filtered reset "var a = uabiFilter(\"number-differs\", \"\", \"_ioc_03\"); var b = uabiFilter(\"\", \"\", \"\"); document.title = a + \" / \" + b;"

# not exec: the EXIT trap must run to remove the Chromium profile
/usr/bin/python3 - "$out" <<'PYEOF'
import re, struct, sys, zlib

out = sys.argv[1]
failed = 0

def check(ok, what):
    global failed
    print("%s %s" % ("PASS" if ok else "FAIL", what))
    failed += not ok

def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""

# ---- the DOM --------------------------------------------------------------
dom = read(out + "/dom.html")
cells = re.findall(r'<td class="cell v-([a-z-]+) k-([a-z-]+)"[^>]* title="([^"]*)"', dom)
check(len(cells) == 12, "dom: %d matrix cells (want 12: 5 + 4 + 3 items)" % len(cells))
check(all(v in t for v, k, t in cells), "dom: every cell's title names its verdict")
check(dom.count('<td class="absent"') == 3, "dom: 3 empty cells (items a pair lacks)")
check(re.search(r'<aside id="evidence" hidden(="")?>', dom) is not None,
      "dom: evidence panel present, hidden until a click")
check("http://" not in dom and "https://" not in dom, "dom: no URL")
want = {}
for v, k, t in cells:
    want[v] = want.get(v, 0) + 1

click = read(out + "/dom-click.html")
m = re.search(r'<aside id="evidence">(.*?)</aside>', click, re.S)	# shown: no hidden
panel = m.group(1) if m else ""
check("<code>dirty_bitmap</code>" in panel and "kvm_vm_compat_ioctl" in panel,
      "click: the evidence panel shows KVM_GET_DIRTY_LOG's findings and handler")
check('class="cell v-pointer-width k-handled sel"' in click, "click: the clicked cell is selected")

# ---- the screenshot ---------------------------------------------------------
def png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat.append(body)
        elif typ == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError("unsupported PNG: depth %d colour type %d interlace %d" % (depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev, p = [], bytearray(stride), 0
    for y in range(h):
        ft = raw[p]
        line = bytearray(raw[p + 1:p + 1 + stride])
        p += 1 + stride
        if ft == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ft == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif ft == 3:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((a + prev[i]) >> 1)) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows

# the colours of render/html.c
colours = {
    "identical": (0xa5, 0xd6, 0xa7),
    "number-differs": (0xff, 0xcc, 0x80),
    "layout-differs": (0xef, 0x9a, 0x9a),
    "pointer-width": (0xce, 0x93, 0xd8),
    "not-applicable": (0xe0, 0xe0, 0xe0),
}
RING = (0xb7, 0x1c, 0x1c)
CELL_AREA = 1000	# a matrix cell (100x26) less its text and ring; a legend swatch is 14x14

def near(px, c):
    return abs(px[0] - c[0]) <= 3 and abs(px[1] - c[1]) <= 3 and abs(px[2] - c[2]) <= 3

def areas(w, h, bpp, rows, c):
    """Sizes of the 4-connected areas of colour c."""
    mask = bytearray(w * h)
    for y in range(h):
        r = rows[y]
        for x in range(w):
            i = x * bpp
            if near((r[i], r[i + 1], r[i + 2]), c):
                mask[y * w + x] = 1
    sizes = []
    for start in range(w * h):
        if mask[start] != 1:
            continue
        mask[start] = 2
        stack, n = [start], 0
        while stack:
            p = stack.pop()
            n += 1
            x, y = p % w, p // w
            for q in ((p - 1) if x else -1, (p + 1) if x + 1 < w else -1,
                      p - w if y else -1, p + w if y + 1 < h else -1):
                if q >= 0 and mask[q] == 1:
                    mask[q] = 2
                    stack.append(q)
        sizes.append(n)
    return sizes

try:
    w, h, bpp, rows = png(out + "/shot.png")
except (OSError, ValueError, zlib.error, TypeError) as e:
    check(False, "screenshot: %s" % e)
    sys.exit(1)
check((w, h) == (1280, 1100), "screenshot: %dx%d" % (w, h))
for verdict, c in colours.items():
    n = want.get(verdict, 0)
    if not n:
        continue
    sizes = areas(w, h, bpp, rows, c)
    big = [s for s in sizes if s >= CELL_AREA]
    check(len(big) >= n, "screenshot: %s #%02x%02x%02x: %d cell-sized area(s) for %d cell(s), "
          "%d px in all" % (verdict, c[0], c[1], c[2], len(big), n, sum(sizes)))
ring = sum(areas(w, h, bpp, rows, RING))
check(ring >= 600, "screenshot: not-handled ring #%02x%02x%02x: %d px" % (RING + (ring,)))

# ---- the 2,600-row page and its filters ----------------------------------
def big(name):
    """Rows (id, hidden, cells) and groups (header, open, hidden) of a dump;
    a cell is (classes, hidden); the status text and the title."""
    dom = read(out + "/dom-big%s.html" % ("-" + name if name else ""))
    rows = []
    for m in re.finditer(r'<tr id="r(\d+)"([^>]*)>(.*?)</tr>', dom, re.S):
        cells = [(c.group(1).split(), 'hidden=""' in c.group(2))
                 for c in re.finditer(r'<td class="([^"]*)"([^>]*)>', m.group(3))]
        rows.append((int(m.group(1)), 'hidden=""' in m.group(2), cells))
    groups = [(g.group(1), ' open=""' in g.group(2), ' hidden=""' in g.group(2))
              for g in re.finditer(r'<details class="hgroup" data-h="([^"]*)"([^>]*)>', dom)]
    m = re.search(r'id="f-status">([^<]*)<', dom)
    t = re.search(r'<title>([^<]*)</title>', dom)
    return rows, groups, m.group(1) if m else "", t.group(1) if t else ""

def shown(rows):
    return [r for r in rows if not r[1]]

def matching(rows, verdict, col=None):
    """Rows with a cell of the verdict class (in column col, 0-based, if given)."""
    return [r for r in rows if any(verdict in c[0] for i, c in enumerate(r[2])
                                   if col is None or i == col)]

rows0, groups0, status0, _ = big("")
check(len(rows0) == 2600 and len(groups0) == 52,
      "big: %d rows in %d header groups (want 2600 in 52)" % (len(rows0), len(groups0)))
check(not any(g[1] or g[2] for g in groups0), "big: every header group collapsed and shown after load")
check(status0 == "2600 of 2600 rows in 52 of 52 groups", "big: status '%s'" % status0)
check("http://" not in read(out + "/dom-big.html"), "big: no URL")

rows, groups, status, _ = big("layout")
want = {r[0] for r in matching(rows0, "v-layout-differs")}
got = {r[0] for r in shown(rows)}
check(got == want and len(want) == 26, "filter verdict=layout-differs: %d rows shown, %d match "
      "(want 26: k %% 100 == 7)" % (len(got), len(want)))
check(sum(1 for g in groups if g[1]) == 26 and sum(1 for g in groups if g[2]) == 26,
      "filter verdict=layout-differs: 26 groups open, 26 hidden")
check(status == "26 of 2600 rows in 26 of 52 groups", "filter verdict=layout-differs: status '%s'" % status)

rows, groups, status, _ = big("failarm")
want = {r[0] for r in matching(rows0, "fail", 1)}
got = {r[0] for r in shown(rows)}
check(got == want and len(want) == 130, "filter verdict=fail pair=aarch64->arm: %d rows shown, "
      "%d match (want 130: k %% 20 == 3)" % (len(got), len(want)))
check(all(r[2][0][1] and not r[2][1][1] for r in rows),
      "filter pair=aarch64->arm: the x86_64->i386 column hidden, its own shown, in every row")
check(status == "130 of 2600 rows in 52 of 52 groups", "filter verdict=fail pair=1: status '%s'" % status)

rows, groups, status, _ = big("text")
got = shown(rows)
check(len(got) == 50 and all(50 * 7 <= r[0] < 50 * 8 for r in got),
      "filter text=HDR07: the 50 rows of header hdr07 (%d shown)" % len(got))
check([g[0] for g in groups if g[1]] == ["include/uapi/linux/hdr07.h"],
      "filter text=HDR07: only its group open")

rows, groups, status, title = big("reset")
check(title == "52 of 2600 rows in 52 of 52 groups / 2600 of 2600 rows in 52 of 52 groups",
      "uabiFilter(number-differs, text _ioc_03) then cleared: '%s'" % title)
check(len(shown(rows)) == 2600 and
      not any(c[1] for r in rows for c in r[2]), "cleared: every row and column shown")
check(not any(g[1] or g[2] for g in groups), "cleared: every group collapsed again")

rows, groups, status, _ = big("hash")
check([g[0] for g in groups if g[1]] == ["include/uapi/linux/hdr24.h"],
      "fragment #r1234 (HDR24_IOC_34): its group open, no other")

print("%s html-screenshot (%s/shot.png)" % ("FAIL" if failed else "PASS", out))
sys.exit(1 if failed else 0)
PYEOF
exit $?
