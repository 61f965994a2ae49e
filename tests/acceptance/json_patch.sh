#!/usr/bin/env python3
"""json_patch.sh PATCH... — the acceptance tests' filter of a `jd -f patch` result (they pass it
unquoted, so it arrives split into words): prints the operations that touch anything other
than the run's times and search path (start_time, end_time, search_path, search_path_prefix),
nothing when there are none."""
import json
import sys

IGNORED = {"start_time", "end_time", "search_path", "search_path_prefix"}
text = " ".join(sys.argv[1:]).strip()
if not text:
    sys.exit(0)
try:
    ops = json.loads(text)
except ValueError:
    print(text)
    sys.exit(0)
left = [op for op in ops if not (set(op.get("path", "").split("/")) & IGNORED)]
if left:
    print(json.dumps(left, ensure_ascii=False))
