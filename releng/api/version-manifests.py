#!/usr/bin/env python3
"""Gives every Gyrus bundle's exported packages a version and every import of a Gyrus package a
range (docs/writing-plugins.md#versioning). Idempotent: clauses that already say a version are left
alone. Usage: releng/api/version-manifests.py [VERSION]   (default 0.1.0, the current API version)"""
import glob, re, sys

version = sys.argv[1] if len(sys.argv) > 1 else "0.1.0"
major, minor = version.split(".")[:2]
rng = '"[%s.%s,%d)"' % (major, minor, int(major) + 1)

def clauses(value):
    out, depth, cur = [], False, ""
    for ch in value:
        if ch == '"':
            depth = not depth
        if ch == "," and not depth:
            out.append(cur.strip()); cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out

def rewrite(text, header, fix):
    m = re.search(r"^%s:(.*(?:\n .*)*)" % header, text, re.M)
    if not m:
        return text
    value = m.group(1).replace("\n ", "")
    parts = [fix(c) for c in clauses(value)]
    return text[:m.start()] + header + ": " + ",\n ".join(parts) + text[m.end():]

def export(c):
    if "version=" in c:
        return c
    extra = ';x-internal:=true' if ".internal" in c.split(";")[0] and "x-internal" not in c else ""
    return c + ';version="%s"' % version + extra

def imp(c):
    name = c.split(";")[0].strip()
    if name.startswith("org.gyrus.") and "version=" not in c:
        return c.replace(name, name + ';version=' + rng, 1)
    return c

for path in sorted(glob.glob("bundles/*/META-INF/MANIFEST.MF")):
    text = open(path).read()
    new = rewrite(rewrite(text, "Export-Package", export), "Import-Package", imp)
    if new != text:
        open(path, "w").write(new)
        print("versioned", path)
