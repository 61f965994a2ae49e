#!/bin/sh
# Print -DLPB_HAVE_<symbol> for each entry point of the library that the bench
# can measure, so lpbench compiles in every phase whose code exists.
# usage: bench/features.sh build/liblazypipe.a
lib=${1:-build/liblazypipe.a}
[ -f "$lib" ] || exit 0
defined=$(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF >= 3 && $2 ~ /^[TD]$/ { print $3 }')
for sym in hcl_lex hcl_parse skim_parse skim_scan lp_open lp_close lp_wait_resolved \
           lp_available_dashboards_json lp_workspace_stats_get lp_resolve_stats_get lp_input_check \
           lp_default_index_cache_dir \
           lp_refresh lp_load lp_save lv_refresh_paths lp_live_payload lp_run_start lp_open_full_parse; do
    if printf '%s\n' "$defined" | grep -qx "$sym"; then printf ' -DLPB_HAVE_%s' "$sym"; fi
done
echo
