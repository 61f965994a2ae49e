#!/usr/bin/env python3
"""metamorphic.py — a real mod rewritten so that nothing but names and places changes, then listed and
shown by the CLI beside the original: every answer must be the same.

    metamorphic.py CLI MOD_DIR WORK_DIR SEED

The rewrite: every local renamed at random (consistently: its definitions and every `local.NAME` in
code and in string interpolations, never in plain text), the top-level blocks of every .pp file but
mod.pp shuffled and dealt over as many files of new names (in the mod's root: file() paths are the
mod's, not the file's).  The answers: the lists of every kind and the payload, and the shows of a
sample of benchmarks, controls and dashboards, as JSON with the keys that say where a block is
(file_name, start/end_line_number, source_definition) left out; the rewritten mod is asked twice,
the second time reopened from the index image it wrote; a resource's `path` list is sorted (its
parents come in the order of their places).  Exit 0 when every answer is equal; else 1
with the first difference.  (tests/test_resolve_order.c runs it on the corpus.)"""
import json
import os
import random
import re
import shutil
import subprocess
import sys

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


SPECIAL = re.compile(r'["#{}/<$%\\\n]')


def scan(t):
    """Per character: 1 when it is code (outside strings and comments, or inside an interpolation),
    and the brace depth of top-level code (-1 elsewhere).  Only the characters that can change the
    state are visited (SPECIAL); the runs between them take the state of the run."""
    n = len(t)
    code = bytearray(n)
    depth = [-1] * n
    stack = [["code", 0]]        # frames: code (top), interp (brace depth), str, heredoc (marker)
    top = 0
    i = 0

    def mark(a, b):
        if stack[-1][0] in ("code", "interp") and b > a:
            code[a:b] = b"\x01" * (b - a)
            if stack[-1][0] == "code":
                depth[a:b] = [top] * (b - a)

    while i < n:
        f = stack[-1]
        if f[0] == "heredoc":
            # line by line; the closing marker ends it; interpolations inside
            j = t.find("\n", i)
            j = n if j < 0 else j
            if t[i:j].strip() == f[1]:
                stack.pop()
                i = j
                continue
            k = i
            while True:
                k = t.find("{", k, j)
                if k < 0 or (k > i and t[k - 1] in "$%"):
                    break
                k += 1
            if k >= 0:
                stack.append(["interp", 0])
                i = k + 1
                continue
            i = j + 1
            continue
        m = SPECIAL.search(t, i)
        if not m:
            mark(i, n)
            break
        j = m.start()
        mark(i, j)
        c = t[j]
        i = j + 1
        if f[0] == "str":
            if c == "\\":
                i = j + 2
            elif c == '"':
                stack.pop()
                mark(j, j + 1)
            elif c in "$%" and t.startswith("{", j + 1) and not (j and t[j - 1] == c):
                stack.append(["interp", 0])
                i = j + 2
            continue
        # code or an interpolation
        if c == "#" or t.startswith("//", j):
            k = t.find("\n", j)
            i = n if k < 0 else k
            continue
        if t.startswith("/*", j):
            k = t.find("*/", j + 2)
            i = n if k < 0 else k + 2
            continue
        mark(j, j + 1)
        if c == '"':
            stack.append(["str", 0])
        elif c == "<" and t.startswith("<<", j):
            h = re.match(r"<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n", t[j:j + 200])
            if h:
                mark(j, j + h.end())
                stack.append(["heredoc", h.group(2)])
                i = j + h.end()
        elif c == "{":
            if f[0] == "code":
                top += 1
            else:
                f[1] += 1
        elif c == "}":
            if f[0] == "code":
                top -= 1
                depth[j] = top
            elif f[1] == 0:
                stack.pop()
            else:
                f[1] -= 1
    return code, depth


def blocks(t, code, depth):
    """The top-level blocks of t, each with the comments and blank lines before it."""
    out = []
    start = 0
    i = 0
    n = len(t)
    while i < n:
        if code[i] and depth[i] == 0 and t[i] == "{":
            j = i + 1
            while j < n and not (code[j] and depth[j] == 0 and t[j] == "}"):
                j += 1
            out.append(t[start:j + 1].strip("\n") + "\n")
            start = j + 1
            i = j + 1
            continue
        i += 1
    return out


def local_defs(t, code, depth):
    """Names defined by the top-level `locals` blocks of t."""
    names = []
    for m in re.finditer(r"(?m)^[ \t]*locals[ \t]*\{", t):
        if not code[m.start() + m.group(0).index("l")]:
            continue
        j = m.end()
        while j < len(t) and not (code[j] and depth[j] == 0 and t[j] == "}"):
            if code[j] and depth[j] == 1 and (j == 0 or t[j - 1] in "\n{ \t") and IDENT.match(t, j):
                mm = IDENT.match(t, j)
                rest = t[mm.end():mm.end() + 40]
                if re.match(r"[ \t]*=(?!=)", rest) and t[:j].rstrip(" \t").endswith(("\n", "{")):
                    names.append(mm.group(0))
                j = mm.end()
                continue
            j += 1
    return names


def rename(t, renames):
    code, depth = scan(t)
    out = []
    last = 0
    for m in re.finditer(r"(?<![A-Za-z0-9_.])local\.([A-Za-z_][A-Za-z0-9_-]*)", t):
        if code[m.start()] and m.group(1) in renames:
            out.append(t[last:m.start(1)])
            out.append(renames[m.group(1)])
            last = m.end(1)
    out.append(t[last:])
    t = "".join(out)
    # the definitions, at depth 1 of a locals block
    code, depth = scan(t)
    out = []
    last = 0
    for m in re.finditer(r"(?m)^([ \t]*)([A-Za-z_][A-Za-z0-9_-]*)([ \t]*=)(?!=)", t):
        k = m.start(2)
        if code[k] and depth[k] == 1 and m.group(2) in renames and in_locals(t, code, depth, k):
            out.append(t[last:k])
            out.append(renames[m.group(2)])
            last = m.end(2)
    out.append(t[last:])
    return "".join(out)


def in_locals(t, code, depth, k):
    j = k
    while j > 0 and not (code[j] and depth[j] == 0 and t[j] == "{"):
        j -= 1
    head = t[t.rfind("\n", 0, j) + 1:j]
    return head.strip() == "locals"


def rewrite(src, dst, rnd):
    shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns(".powerpipe", ".git"))
    pps = []
    for root, dirs, files in os.walk(dst):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".pp"):
                pps.append(os.path.join(root, f))
    texts = {p: open(p, encoding="utf-8").read() for p in pps}
    names = set()
    for t in texts.values():
        code, depth = scan(t)
        names.update(local_defs(t, code, depth))
    renames = {}
    for k, name in enumerate(sorted(names)):
        prefix = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(1, 4)))
        renames[name] = "%s_%d" % (prefix, k)
    moved = []
    nfiles = 0
    for p, t in texts.items():
        t = rename(t, renames)
        if os.path.basename(p) == "mod.pp" and os.path.dirname(p) == dst:
            open(p, "w", encoding="utf-8").write(t)
            continue
        code, depth = scan(t)
        moved.extend(blocks(t, code, depth))
        os.unlink(p)
        nfiles += 1
    rnd.shuffle(moved)
    outs = [[] for _ in range(max(nfiles, 1))]
    for b in moved:
        outs[rnd.randrange(len(outs))].append(b)
    for k, bs in enumerate(outs):
        name = "%s_%d.pp" % ("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3)), k)
        open(os.path.join(dst, name), "w", encoding="utf-8").write("\n".join(bs))
    return len(renames), len(moved)


PLACE = {"file_name", "start_line_number", "end_line_number", "source_definition"}


def strip(v):
    """v without PLACE; `path` (each path from the root to it, in the order of its parents' places)
    sorted."""
    if isinstance(v, dict):
        return {k: sorted(strip(x)) if k == "path" and isinstance(x, list) else strip(x)
                for k, x in v.items() if k not in PLACE}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def ask(cli, mod, args, cache):
    cmd = [cli, "--mod-location", mod] + (["--index-cache", cache] if cache else ["--no-index-cache"]) + args
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    out = r.stdout
    if args[-1] == "json" or args[0] == "payload":
        try:
            out = json.dumps(strip(json.loads(out)), sort_keys=True, indent=1)
        except ValueError:
            pass
    return r.returncode, out, " ".join(args)


def answers(cli, mod, cache, sample):
    res = []
    for kind in ("benchmark", "control", "query", "dashboard", "detection"):
        res.append(ask(cli, mod, [kind, "list", "--output", "json"], cache))
    res.append(ask(cli, mod, ["payload"], cache))
    for kind, name in sample:
        res.append(ask(cli, mod, [kind, "show", name, "--output", "json"], cache))
    return res


def main():
    cli, src, work, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rnd = random.Random(seed)
    dst = os.path.join(work, "rewritten")
    cache = os.path.join(work, "cache")
    os.makedirs(cache, exist_ok=True)
    nloc, nblk = rewrite(src, dst, rnd)
    code, out, _ = ask(cli, src, ["benchmark", "list", "--output", "json"], None)
    sample = []
    for kind in ("benchmark", "control", "dashboard"):
        _, out, _ = ask(cli, src, [kind, "list", "--output", "json"], None)
        try:
            items = json.loads(out)
        except ValueError:
            items = []
        names = sorted(i["qualified_name"] for i in items if "qualified_name" in i)
        sample += [(kind, n) for n in rnd.sample(names, min(6, len(names)))]
    want = answers(cli, src, None, sample)
    for round_ in ("image written", "image reopened"):
        got = answers(cli, dst, cache, sample)
        for (wc, wo, what), (gc, go, _) in zip(want, got):
            if wc != gc or wo != go:
                wl, gl = wo.splitlines(), go.splitlines()
                k = next((i for i in range(min(len(wl), len(gl))) if wl[i] != gl[i]), min(len(wl), len(gl)))
                print("%s: `%s` differs after %d locals renamed and %d blocks moved (%s): exit %d vs %d; "
                      "line %d: %r vs %r" % (src, what, nloc, nblk, round_, wc, gc, k + 1,
                                              wl[k] if k < len(wl) else None, gl[k] if k < len(gl) else None))
                return 1
    print("%s: %d answers equal after %d locals renamed and %d blocks moved" % (src, len(want), nloc, nblk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
