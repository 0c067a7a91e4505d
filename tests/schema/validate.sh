#!/bin/sh
# Validate uabi's JSON Schemas with python3-jsonschema (Debian 12: 4.10,
# draft 2020-12):
#  1. schemas/*.schema.json are valid schemas;
#  2. schemas/examples/*.json, the golden dumps tests/golden/*/expect-*.json,
#     the dump test_json and the multi-header report test_render write
#     into each build directory and every FILE
#     given on the command line validate (a file with a top-level
#     "findings" key against findings.schema.json, one with "profiles"
#     against profiles.schema.json, one with "pairs" against
#     report.schema.json, others against dump.schema.json);
#  3. broken copies of the examples are rejected: a schema that accepts
#     everything fails here.
#
#   tests/schema/validate.sh [FILE...]
#
# Exit status: 0 all valid, 1 something invalid, 2 python3-jsonschema
# missing (scripts/deps.sh installs it; not a silent skip).
cd "$(dirname "$0")/../.." || exit 2
py=/usr/bin/python3
if ! "$py" -c 'import jsonschema' 2>/dev/null; then
	echo "validate.sh: $py has no jsonschema module (apt-get install python3-jsonschema)" >&2
	exit 2
fi

exec "$py" - "$@" <<'PYEOF'
import copy, glob, json, os, sys
import jsonschema

V = jsonschema.Draft202012Validator
schemas = {}
for name in ("dump", "profiles", "report", "findings"):
    with open("schemas/%s.schema.json" % name) as f:
        schemas[name] = json.load(f)
    V.check_schema(schemas[name])
validators = {k: V(v) for k, v in schemas.items()}

def kind(doc):
    # findings documents have a "profiles" key too: test "findings" first
    if isinstance(doc, dict) and "findings" in doc:
        return "findings"
    if isinstance(doc, dict) and "profiles" in doc:
        return "profiles"
    if isinstance(doc, dict) and "pairs" in doc:
        return "report"
    return "dump"

def errors(doc, which=None):
    v = validators[which or kind(doc)]
    return sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))

def where(e):
    return "".join("[%d]" % p if isinstance(p, int) else ".%s" % p for p in e.absolute_path) or "(top)"

files = sorted(glob.glob("schemas/examples/*.json"))
files += sorted(glob.glob("tests/golden/*/expect-*.json"))
files += sorted(glob.glob("build*/test_json-rich.json"))
files += sorted(glob.glob("build*/test_render-multi.json"))
files += sys.argv[1:]
bad = 0
for path in files:
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("%s: %s" % (path, e))
        bad += 1
        continue
    errs = errors(doc)
    for e in errs[:5]:
        print("%s: %s: %s" % (path, where(e), e.message))
    bad += bool(errs)
print("validate.sh: %d file(s) valid, %d invalid" % (len(files) - bad, bad))

# Each mutation of an example must be rejected.
with open("schemas/examples/dump.json") as f:
    dump = json.load(f)
with open("schemas/examples/profiles.json") as f:
    prof = json.load(f)
with open("schemas/examples/report.json") as f:
    report = json.load(f)
with open("schemas/examples/findings.json") as f:
    findings = json.load(f)

def m_dump(fn):
    d = copy.deepcopy(dump)
    fn(d)
    return d

def m_prof(fn):
    d = copy.deepcopy(prof)
    fn(d)
    return d

def m_rep(fn):
    d = copy.deepcopy(report)
    fn(d)
    return d

def m_find(fn):
    d = copy.deepcopy(findings)
    fn(d)
    return d

def finding(d, i):
    return d["findings"][i]

def ioctl(d, i):
    return d["pairs"][0]["ioctls"][i]

mutants = [
    ("unknown top-level key", m_dump(lambda d: d.update(extra=1))),
    ("schema_version 2", m_dump(lambda d: d.update(schema_version=2))),
    ("missing input.sha256", m_dump(lambda d: d["input"].pop("sha256"))),
    ("unknown kind", m_dump(lambda d: d["types"][1].update(kind="strukt"))),
    ("size as string", m_dump(lambda d: d["types"][1].update(size="8"))),
    ("members on a base type", m_dump(lambda d: d["types"][0].update(members=[]))),
    ("base type without encoding", m_dump(lambda d: d["types"][0].pop("encoding"))),
    ("unknown member key", m_dump(lambda d: d["types"][1]["members"][0].update(colour=1))),
    ("negative bit_offset", m_dump(lambda d: d["types"][1]["members"][0].update(bit_offset=-1))),
    ("bad dir", m_dump(lambda d: d["ioctls"][0].update(dir="sideways"))),
    ("reason on applicable ioctl", m_dump(lambda d: d["ioctls"][0].update(reason="x"))),
    ("struct without members", m_dump(lambda d: d["types"][1].pop("members"))),
    ("file without line", m_dump(lambda d: d["types"][1].pop("line"))),
    ("small enumerator as string", m_dump(lambda d: d["types"].append(
        {"id": 2, "kind": "enum", "spelling": "enum e", "size": 4, "align": 4,
         "enumerators": [{"name": "E", "value": "12"}]}))),
    ("enumerator above UINT64_MAX", m_dump(lambda d: d["types"].append(
        {"id": 2, "kind": "enum", "spelling": "enum e", "size": 4, "align": 4,
         "enumerators": [{"name": "E", "value": "18446744073709551616"}]}))),
    ("16 cc arguments", m_prof(lambda d: d["profiles"][0].update(cc=[str(i) for i in range(16)]))),
    ("4 compat names", m_prof(lambda d: d["profiles"][0].update(compat=["a", "b", "c", "d"]))),
    ("5 shadows", m_prof(lambda d: d["profiles"][0].update(
        shadows=[{"path": "a%d.h" % i, "text": ""} for i in range(5)]))),
    ("shadow path with ..", m_prof(lambda d: d["profiles"][0]["shadows"][0].update(path="asm/../../x"))),
    ("bad endian", m_prof(lambda d: d["profiles"][0].update(endian="middle"))),
    ("missing ld", m_prof(lambda d: d["profiles"][0].pop("ld"))),
    ("unknown profile key", m_prof(lambda d: d["profiles"][0].update(colour=1))),
    ("unknown report key", m_rep(lambda d: d.update(extra=1))),
    ("report without failing", m_rep(lambda d: d.pop("failing"))),
    ("unknown ioctl key", m_rep(lambda d: ioctl(d, 0).update(colour=1))),
    ("unknown verdict", m_rep(lambda d: ioctl(d, 0).update(verdict="same"))),
    ("handled without handler", m_rep(lambda d: ioctl(d, 2)["kernel"].update(handler=None))),
    ("number as a string", m_rep(lambda d: ioctl(d, 2)["native"].update(number="0x4010ae42"))),
    ("not-applicable without reason", m_rep(lambda d: ioctl(d, 0).update(reason=None))),
    ("unknown finding kind", m_rep(lambda d: ioctl(d, 2)["findings"][0].update(kind="width"))),
    ("handled root", m_rep(lambda d: d["pairs"][0]["roots"][0]["kernel"].update(status="handled"))),
    ("kvm_compat maybe", m_rep(lambda d: d["archs"][0].update(kvm_compat="maybe"))),
    ("unknown findings key", m_find(lambda d: d.update(extra=1))),
    ("findings without counts", m_find(lambda d: d.pop("counts"))),
    ("command check", m_find(lambda d: d.update(command="check"))),
    ("fail_on not-handled", m_find(lambda d: d.update(fail_on="not-handled"))),
    ("unknown finding key", m_find(lambda d: finding(d, 0).update(colour=1))),
    ("finding without old", m_find(lambda d: finding(d, 0).pop("old"))),
    ("severity fatal", m_find(lambda d: finding(d, 0).update(severity="fatal"))),
    ("profiles as a string", m_find(lambda d: finding(d, 0).update(profiles="x86_64,i386"))),
    ("line 0", m_find(lambda d: finding(d, 2).update(line=0))),
    ("old not an integer", m_find(lambda d: finding(d, 2).update(old="4"))),
    ("suppressed without reason", m_find(lambda d: finding(d, 0).update(suppressed=True))),
    ("reason on unsuppressed", m_find(lambda d: finding(d, 0).update(suppress_reason="x"))),
    ("line without file", m_find(lambda d: finding(d, 0).update(line=3))),
]
accepted = [name for name, doc in mutants if not errors(doc)]
for name in accepted:
    print("validate.sh: schema accepts a broken example: %s" % name)
# and the good values next to them are accepted
good = m_dump(lambda d: d["types"].append(
    {"id": 2, "kind": "enum", "spelling": "enum e", "size": 8, "align": 8,
     "enumerators": [{"name": "A", "value": "9223372036854775808"},
                     {"name": "B", "value": "18446744073709551615"},
                     {"name": "C", "value": -9223372036854775808}]}))
for e in errors(good):
    print("validate.sh: good enum rejected: %s: %s" % (where(e), e.message))
    bad += 1
print("validate.sh: %d of %d broken examples rejected" % (len(mutants) - len(accepted), len(mutants)))
sys.exit(1 if bad or accepted else 0)
PYEOF
