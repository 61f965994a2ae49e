#!/usr/bin/env python3
# bench/image_sections.py OLD.lpidx NEW.lpidx — what an edit changed in the index image, section by
# section: each section's size in both, the bytes in common at its start and at its end, what lies
# between (a delta of that section would hold at least that), and the 4 KiB pages that differ at the
# same offsets within it.  The sections in the order of src/image/persist.c's S_* enum, for its
# format version 15 (another version is refused: the table below would misread it).
import struct
import sys

NAMES = ("DIR STATS ENTRIES KV ADJ MISSING FILES MODS SNAPSHOTS REQUIRES STR_HEAP STR_BLOCKS STR_SLOTS "
         "VAL_HEAP VAL_BLOCKS DIAGS INPUTS OVERLAY OVERLAY_KV RDIAGS RINPUTS VARS_JSON VARS_TEXT RSTATS "
         "RECS DEPS RDKEYS LOAD LFILES LINPUTS LENV SCOPE SEG_INDEX SEGS SEG_HEADS").split()
VERSION = 15
# pst_header: magic[8], version, endian, header_size, nsections, file_size, checksum, seg_checksum,
# fingerprint, adj16, str_count, str_used_last, pad, read_at_ns, ndisc_diags, nsnap_listed,
# listing_known, pad2, header_checksum, then the section table (off, size, count, elem)
TABLE = 8 + 4 * 4 + 8 * 4 + 4 * 4 + 8 + 4 * 4 + 8


def sections(path):
    data = open(path, "rb").read()
    version, nsec = struct.unpack_from("<I", data, 8)[0], struct.unpack_from("<I", data, 20)[0]
    if data[:5] != b"LPIDX" or version != VERSION or nsec != len(NAMES):
        sys.exit(f"{path}: not an index image of format {VERSION}")
    out = {}
    for i, name in enumerate(NAMES):
        off, size, _count, _elem = struct.unpack_from("<QQII", data, TABLE + 24 * i)
        out[name] = data[off:off + size]
    return data, out


def main():
    old_data, old = sections(sys.argv[1])
    new_data, new = sections(sys.argv[2])
    total = 0
    print("| section | old bytes | new bytes | same at the start | same at the end | between "
          "| pages differing |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for name in NAMES:
        a, b = old[name], new[name]
        if a == b:
            continue
        m = min(len(a), len(b))
        head = 0
        while head < m and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < m - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        between = len(b) - head - tail
        pages = sum(a[i:i + 4096] != b[i:i + 4096] for i in range(0, max(len(a), len(b)), 4096))
        total += between
        print(f"| {name} | {len(a)} | {len(b)} | {head} | {tail} | {between} | {pages} |")
    print(f"\nbetween, all sections: {total} bytes of {len(new_data)} ({100 * total / len(new_data):.2f}%)")


if __name__ == "__main__":
    main()
