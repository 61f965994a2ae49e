#!/bin/sh
# tailpipe_bench.sh — Tailpipe connections (BENCHMARKS.md), whole processes alternated by procrun:
#  1. a detection over 10 million rows in 100 parquet files through `--database tailpipe://DIR`,
#     against the same SQL in DuckDB directly over the same files (read_parquet of the list, in the
#     same program on an in-memory database: the floor);
#  2. the open of a catalog of 10,000 files (`select 1` through tailpipe://), against `select 1` on
#     an in-memory DuckDB database: the difference is the catalog's read and the views' creation.
# The data is made by DuckDB (through lazypipe) and the catalog by sqlite3, once, under $WORK.
#   bench/tailpipe_bench.sh [REPS]     (make all bench-bins first)
set -eu
reps=${1:-11}
lp=${LP:-build/lazypipe}
work=${WORK:-build/tailpipe_bench}
procrun=build/bench/procrun
mem="duckdb://$PWD/$work/none.duckdb"   # no such file: an in-memory database

# catalog DIR FILES_SQL: DIR/metadata.sqlite (DuckLake 0.3) with aws_cloudtrail_log over the files
catalog() {
    sqlite3 "$1/metadata.sqlite" <<EOF
PRAGMA journal_mode=WAL;
CREATE TABLE ducklake_metadata(key VARCHAR NOT NULL, value VARCHAR NOT NULL, scope VARCHAR, scope_id BIGINT);
CREATE TABLE ducklake_snapshot(snapshot_id BIGINT PRIMARY KEY, snapshot_time TIMESTAMPTZ,
  schema_version BIGINT, next_catalog_id BIGINT, next_file_id BIGINT);
CREATE TABLE ducklake_schema(schema_id BIGINT PRIMARY KEY, schema_uuid UUID, begin_snapshot BIGINT,
  end_snapshot BIGINT, schema_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN);
CREATE TABLE ducklake_table(table_id BIGINT, table_uuid UUID, begin_snapshot BIGINT, end_snapshot BIGINT,
  schema_id BIGINT, table_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN);
CREATE TABLE ducklake_data_file(data_file_id BIGINT PRIMARY KEY, table_id BIGINT, begin_snapshot BIGINT,
  end_snapshot BIGINT, file_order BIGINT, path VARCHAR, path_is_relative BOOLEAN, file_format VARCHAR,
  record_count BIGINT, file_size_bytes BIGINT, footer_size BIGINT, row_id_start BIGINT, partition_id BIGINT,
  encryption_key VARCHAR, partial_file_info VARCHAR, mapping_id BIGINT);
CREATE TABLE ducklake_delete_file(delete_file_id BIGINT PRIMARY KEY, table_id BIGINT, begin_snapshot BIGINT,
  end_snapshot BIGINT, data_file_id BIGINT, path VARCHAR, path_is_relative BOOLEAN, format VARCHAR,
  delete_count BIGINT, file_size_bytes BIGINT, footer_size BIGINT, encryption_key VARCHAR);
CREATE TABLE ducklake_column(column_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, table_id BIGINT,
  column_order BIGINT, column_name VARCHAR, column_type VARCHAR, initial_default VARCHAR,
  default_value VARCHAR, nulls_allowed BOOLEAN, parent_column BIGINT);
CREATE TABLE ducklake_inlined_data_tables(table_id BIGINT, table_name VARCHAR, schema_version BIGINT);
INSERT INTO ducklake_metadata VALUES ('version', '0.3', NULL, NULL), ('data_path', '$1/', NULL, NULL);
INSERT INTO ducklake_snapshot VALUES (0, '2024-01-01', 0, 1, 0), (1, '2024-01-02', 1, 2, 1);
INSERT INTO ducklake_schema VALUES (0, 'a', 0, NULL, 'main', '', 1);
INSERT INTO ducklake_table VALUES (1, 'b', 1, NULL, 0, 'aws_cloudtrail_log', 'aws_cloudtrail_log/', 1);
INSERT INTO ducklake_column VALUES (1, 1, NULL, 1, 1, 'tp_timestamp', 'timestamp', NULL, NULL, 1, NULL),
  (2, 1, NULL, 1, 2, 'tp_index', 'varchar', NULL, NULL, 1, NULL),
  (3, 1, NULL, 1, 3, 'event_source', 'varchar', NULL, NULL, 1, NULL),
  (4, 1, NULL, 1, 4, 'event_name', 'varchar', NULL, NULL, 1, NULL),
  (5, 1, NULL, 1, 5, 'error_code', 'varchar', NULL, NULL, 1, NULL),
  (6, 1, NULL, 1, 6, 'user_identity', 'struct', NULL, NULL, 1, NULL),
  (7, 1, NULL, 1, 1, 'type', 'varchar', NULL, NULL, 1, 6),
  (8, 1, NULL, 1, 2, 'arn', 'varchar', NULL, NULL, 1, 6);
$2
EOF
}

# a month's parquet file of N rows from row LO, as Tailpipe lays it out
copy_sql() {   # PATH LO N
    echo "COPY (SELECT timestamp '2024-01-01' + (i * interval 1 second) AS tp_timestamp,
      '123456789012' AS tp_index,
      CASE WHEN i % 97 = 0 THEN 'cloudtrail.amazonaws.com' ELSE 's3.amazonaws.com' END AS event_source,
      CASE WHEN i % 1001 = 0 THEN 'StopLogging' ELSE 'GetObject' END AS event_name,
      CASE WHEN i % 3 = 0 THEN 'AccessDenied' END AS error_code,
      {'type': 'IAMUser', 'arn': 'arn:aws:iam::123456789012:user/u' || (i % 50)} AS user_identity
      FROM range($2, $2 + $3) t(i)) TO '$1' (FORMAT parquet);"
}

big=$PWD/$work/big/data/default
if [ ! -f "$big/metadata.sqlite" ]; then
    rm -rf "$PWD/$work/big" && mkdir -p "$big"
    sql= files=
    for f in $(seq 0 99); do
        d=$big/aws_cloudtrail_log/tp_partition=prod/tp_index=123456789012/year=2024/month=$((f % 12 + 1))
        mkdir -p "$d"
        sql="$sql $(copy_sql "$d/f$f.parquet" $((f * 100000)) 100000)"
        files="$files${files:+,} ($f, 1, 1, NULL, $f, '$d/f$f.parquet', 0, 'parquet', 100000, 0, 0, 0,
          NULL, NULL, NULL, NULL)"
    done
    "$lp" query run "$sql" --database "$mem" --output csv > /dev/null
    catalog "$big" "INSERT INTO ducklake_data_file VALUES $files;"
fi
many=$PWD/$work/many/data/default
if [ ! -f "$many/metadata.sqlite" ]; then
    rm -rf "$PWD/$work/many" && mkdir -p "$many/aws_cloudtrail_log"
    "$lp" query run "$(copy_sql "$many/aws_cloudtrail_log/one.parquet" 0 10)" --database "$mem" --output csv \
        > /dev/null
    rows=$(seq 0 9999 | awk '{
        printf "%s(%d, 1, 1, NULL, %d, \x27tp_partition=prod/tp_index=1/", (NR > 1 ? ",\n" : ""), $1, $1
        printf "year=2024/month=%d/f%d.parquet\x27, 1, \x27parquet\x27, 10, ", $1 % 12 + 1, $1
        printf "0, 0, 0, NULL, NULL, NULL, NULL)" }')
    catalog "$many" "INSERT INTO ducklake_data_file VALUES $rows;"
    # every path the catalog names is there: one small file linked 10,000 times
    seq 0 9999 | while read -r i; do
        d=$many/aws_cloudtrail_log/tp_partition=prod/tp_index=1/year=2024/month=$((i % 12 + 1))
        mkdir -p "$d" && ln -f "$many/aws_cloudtrail_log/one.parquet" "$d/f$i.parquet"
    done
fi

detection="select tp_timestamp as timestamp, event_name, user_identity.arn as actor, tp_index as account_id
  from aws_cloudtrail_log where event_source = 'cloudtrail.amazonaws.com' and event_name = 'StopLogging'
  and error_code is null order by tp_timestamp desc"
list=$(ls "$big"/aws_cloudtrail_log/*/*/*/*/*.parquet | sort -V |
    awk '{ printf "%s\x27%s\x27", (NR > 1 ? ", " : ""), $0 }')
direct=$(echo "$detection" |
    sed "s|from aws_cloudtrail_log|from read_parquet([$list], hive_partitioning = false)|")
echo "1. a detection over 10,000,000 rows in 100 files ($reps alternated rounds)"
"$procrun" --reps "$reps" --warmup 1 \
    duckdb-directly "$lp" query run "$direct" --database "$mem" --output csv ::: \
    tailpipe "$lp" query run "$detection" --database "tailpipe://$big" --output csv
echo "2. the open of a catalog of 10,000 files"
"$procrun" --reps "$reps" --warmup 1 \
    duckdb-select-1 "$lp" query run "select 1" --database "$mem" --output csv ::: \
    tailpipe-select-1 "$lp" query run "select 1" --database "tailpipe://$many" --output csv
