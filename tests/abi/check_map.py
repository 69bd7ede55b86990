#!/usr/bin/env python3
"""Symbol checks: the names declared SEG_API in the public header, the names in
lib/libsegment.map and the names the shared library exports must be one set."""
import re
import subprocess
import sys


def declared(header):
    text = open(header, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return set(re.findall(r"\bSEG_API\b[^;{]*?\b(seg_\w+)\s*\(", text))


def mapped(map_file):
    text = re.sub(r"/\*.*?\*/", "", open(map_file, encoding="utf-8").read(), flags=re.S)
    nodes = re.findall(r"(LIBSEGMENT_[\d.]+)\s*\{(.*?)\}", text, flags=re.S)
    if not nodes or nodes[0][0] != "LIBSEGMENT_1.0" or "local:" not in nodes[0][1]:
        sys.exit("map: the first node must be LIBSEGMENT_1.0 with 'local: *;'")
    names = []
    for _, body in nodes:
        glob = body.split("local:")[0].replace("global:", "")
        names += [n.strip() for n in glob.split(";") if n.strip()]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        sys.exit("map: listed twice: " + ", ".join(sorted(dups)))
    return set(names)


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.split() and not line.split()[-1].startswith("LIBSEGMENT_")}


def compare(what, a, b):
    missing, extra = sorted(a - b), sorted(b - a)
    for n in missing:
        print(f"{what}: {n} is missing")
    for n in extra:
        print(f"{what}: {n} should not be there")
    return not missing and not extra


def main():
    header, map_file, library = sys.argv[1:4]
    h, m, e = declared(header), mapped(map_file), exported(library)
    ok = compare("map vs header", h, m) & compare("exports vs map", m, e)
    ok &= all(n.startswith("seg_") for n in e)
    print(f"{len(h)} declared, {len(m)} in the map, {len(e)} exported: {'ok' if ok else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
