/* value.h — HCL/cty values for the evaluator.
 *
 * A value is a 16-byte struct passed by value; whatever it points to (string
 * bytes, elements, attributes, big numbers) lives in an ar_arena the caller
 * owns, so building values never calls the allocator per value and dropping
 * them is one arena reset.  Values are immutable once built.
 *
 * Numbers follow cty: binary floats with a precision per value (512 bits for
 * literals and parsed strings, 64 for integers that cty builds from Go ints,
 * 53 for float64 results) rounded to nearest-even, as Go's big.Float.  An
 * integer that fits int64 is kept as int64 (LPV_NUM_INT) and only values that
 * need it are held as MPFR numbers, allocated in the arena through MPFR's
 * custom interface.  Operation results take the larger precision of their
 * operands, as big.Float does for a zero-precision receiver.
 *
 * Strings are UTF-8, NFC-normalised (cty normalises every string it makes),
 * not NUL-terminated.  Objects and maps keep their attributes sorted by key
 * bytes (cty iterates them in that order).  Sets keep their elements sorted and
 * unique.  LPV_UNKNOWN stands for a value that only exists at run time (param,
 * self, with, connection): the evaluator turns any use of it into an
 * "unresolved" result instead of an error.
 */
#ifndef LP_VALUE_H
#define LP_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "lazypipe.h"

typedef enum lpv_kind {
    LPV_NULL = 0,
    LPV_BOOL,
    LPV_NUMBER,
    LPV_STRING,
    LPV_TUPLE,
    LPV_LIST,
    LPV_SET,
    LPV_OBJECT,
    LPV_MAP,
    LPV_UNKNOWN,
} lpv_kind;

#define LPV_NUM_INT 1u        /* number held in u.i (exact) */

#define LPV_PREC_LITERAL 512u /* cty.ParseNumberVal */
#define LPV_PREC_INT 64u      /* cty.NumberIntVal */
#define LPV_PREC_FLOAT 53u    /* cty.NumberFloatVal */
#define LPV_PREC_MAX 4096u    /* larger precisions are clamped */

typedef struct lpv_value lpv_value;
typedef struct lpv_attr lpv_attr;

struct lpv_value {
    uint8_t kind;      /* lpv_kind */
    uint8_t flags;     /* numbers: LPV_NUM_INT */
    uint16_t prec;     /* numbers: precision in bits */
    uint32_t len;      /* strings: bytes; collections: elements */
    union {
        int b;
        int64_t i;
        void *big;              /* an mpfr_ptr in the arena */
        const char *s;
        const lpv_value *elems;  /* tuple, list, set */
        const lpv_attr *attrs;  /* object, map (sorted by key) */
    } u;
};

struct lpv_attr {
    const char *key;
    uint32_t klen;
    lpv_value val;
};

/* ---- construction */
lpv_value lpv_null(void);
lpv_value lpv_unknown(void);
lpv_value lpv_bool(int b);
lpv_value lpv_int(int64_t i);              /* precision 64, as cty.NumberIntVal */
lpv_value lpv_int_prec(int64_t i, unsigned prec);
/* A string whose bytes outlive the value (not copied, not normalised). */
lpv_value lpv_str_ref(const char *s, size_t n);
/* Copy s into the arena, NFC-normalising when it is not ASCII.  -1 on OOM. */
int lpv_str(ar_arena *a, const char *s, size_t n, lpv_value *out);
/* Same, without copying when s is already in normal form (caller keeps s alive). */
int lpv_str_nfc(ar_arena *a, const char *s, size_t n, lpv_value *out);
/* Collections over an arena array the caller filled (not copied). */
lpv_value lpv_seq(lpv_kind kind, const lpv_value *elems, uint32_t n);
/* Object or map from attributes in any order: sorts them in place and keeps the
 * last of equal keys (so later keys override earlier ones). */
lpv_value lpv_obj(lpv_kind kind, lpv_attr *attrs, uint32_t n);
/* A set from elements in any order: sorts and removes duplicates in place. */
lpv_value lpv_set(lpv_value *elems, uint32_t n);

/* ---- numbers */
/* Parse a decimal number (HCL literal or cty string->number) at 512 bits.
 * Accepts an optional sign, digits, '.', exponent, and "Inf"; -1 if invalid. */
int lpv_num_parse(ar_arena *a, const char *s, size_t n, lpv_value *out);
lpv_value lpv_num_from_double(ar_arena *a, double d);   /* precision 53 */
int lpv_num_is_int(lpv_value v);
int lpv_num_is_inf(lpv_value v);               /* +1, -1, or 0 */
/* Exact int64 when the number is an integer in range; -1 otherwise. */
int lpv_num_to_i64(lpv_value v, int64_t *out);
double lpv_num_to_double(lpv_value v);
int lpv_num_sign(lpv_value v);
int lpv_num_cmp(lpv_value a, lpv_value b);      /* <0, 0, >0 */

typedef enum lpv_arith { LPV_ADD, LPV_SUB, LPV_MUL, LPV_DIV, LPV_MOD } lpv_arith;
/* cty arithmetic.  Returns 0, -1 on OOM, -2 for NaN results (0/0, inf-inf,
 * 0*inf: cty reports these as errors). */
int lpv_num_arith(ar_arena *a, lpv_arith op, lpv_value x, lpv_value y, lpv_value *out);
int lpv_num_neg(ar_arena *a, lpv_value x, lpv_value *out);
int lpv_num_abs(ar_arena *a, lpv_value x, lpv_value *out);
/* floor / ceil / truncate toward zero as cty's FloorFunc/CeilFunc/Int. */
int lpv_num_round(ar_arena *a, lpv_value x, int mode /* -1 floor, 1 ceil, 0 trunc */, lpv_value *out);

/* The number as cty prints it (Go big.Float Text('f', -1)): the shortest
 * decimal that rounds back to the value at its precision, "+Inf"/"-Inf".
 * The text is NUL-terminated in the arena.  -1 on OOM or a number too large
 * to print. */
int lpv_num_text(ar_arena *a, lpv_value v, const char **s, size_t *n);
/* 1 if lpv_num_text can print v (finite, of a size it prints), else 0. */
int lpv_num_printable(lpv_value v);
/* Go's big.Float Text(verb, prec) for verb 'f', 'e', 'E', 'g', 'G' (prec < 0:
 * shortest), appended to b; the arena holds scratch digits. */
int lpv_num_format(ar_arena *a, lpv_value v, char verb, int prec, lp_buf *b);

/* ---- access */
const lpv_value *lpv_attr_get(lpv_value obj, const char *key, size_t klen);
int lpv_is_seq(lpv_value v);       /* tuple, list or set */
int lpv_is_obj(lpv_value v);       /* object or map */
const char *lpv_kind_name(lpv_value v);  /* "string", "number", "tuple", ... as cty names them */

/* ---- comparison */
/* cty Equals for known values: type-strict (tuple != list, "1" != 1), null
 * equals only null. */
int lpv_equal(lpv_value a, lpv_value b);
/* lpv_equal, but two unknowns of the same kind are the same: "would evaluate
 * the same" (a refresh comparing a variable's or local's value across
 * versions), where lpv_equal says unknowns never equal. */
int lpv_same(lpv_value a, lpv_value b);
/* A total order used to sort sets: kind, then value. */
int lpv_order(lpv_value a, lpv_value b);

/* ---- conversion (cty convert) */
/* To a string: strings as they are, numbers as lpv_num_text, bools
 * "true"/"false".  -1 for other kinds and null (err says why), -2 OOM. */
int lpv_to_string(ar_arena *a, lpv_value v, lpv_value *out, const char **err);
int lpv_to_number(ar_arena *a, lpv_value v, lpv_value *out, const char **err);
int lpv_to_bool(lpv_value v, lpv_value *out, const char **err);

/* ---- copying and output */
/* Deep copy into another arena (for values that must outlive a scratch arena). */
int lpv_copy(ar_arena *a, lpv_value v, lpv_value *out);
/* JSON as cty's json.Marshal writes it (numbers as lpv_num_text, keys sorted);
 * unknown values are written as null.  -1 on OOM. */
int lpv_json(lp_buf *b, lpv_value v);
/* HCL-ish rendering for messages and `variable list`: strings quoted. */
int lpv_hcl(lp_buf *b, lpv_value v);

/* ---- packed form (the persisted image's evaluation scope, persist.c) */
#define LPV_PACK_DEPTH 64u     /* nesting accepted either way; deeper values are not packed */
/* Append v to b, exactly (numbers bit for bit), in native byte order.  -1
 * when v nests deeper than LPV_PACK_DEPTH or on OOM (b->oom). */
int lpv_pack(lp_buf *b, lpv_value v, unsigned depth);
/* Decode the value at *pos in the n bytes at p into the arena, checking it
 * whole (bounds, kinds, nesting, normalised numbers, sorted keys and set
 * elements); *pos moves past it.  0, -1 malformed, -2 OOM. */
int lpv_unpack(ar_arena *a, const void *p, size_t n, size_t *pos, lpv_value *out);

/* NFC-normalise s into the arena (returns s itself when already ASCII). */
int lpv_nfc(ar_arena *a, const char *s, size_t n, const char **out, size_t *outn);

/* Is v larger, written out, than max_elems values (v and every nested one,
 * each time it is reached: shared parts count as often as they occur) or
 * max_bytes bytes of strings and keys?  Stops as soon as it is: the cost is
 * bounded by the limits, not by v. */
int lpv_over(lpv_value v, uint64_t max_elems, uint64_t max_bytes);

#endif
