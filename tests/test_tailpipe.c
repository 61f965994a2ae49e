/* test_tailpipe.c — Tailpipe connections (src/driver/ducklake.c through the DuckDB driver's
 * tailpipe:// connect, and connection.tailpipe.* in a run): a DuckLake catalog written here from
 * duckdb/ducklake's specification (its CREATE TABLE statements, version 0.3 as Tailpipe 0.7
 * writes it and 1.0 as DuckDB 1.5's DuckLake does) in SQLite, over parquet files DuckDB writes in
 * Tailpipe's hive layout: several snapshots, a dropped table, files compacted later, a delete
 * file, a table spanning months, a file with an absolute path.  Every view's rows are compared
 * with a table of the live rows the test builds itself from the files it knows are live (no
 * catalog read), with each filter written by hand in SQL; the catalog's errors; and every file
 * under the data directory byte for byte and mtime for mtime before and after. */
#include <criterion/criterion.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/dbsink.h"
#include "support/runfix.h"
#include "support/shared.h"
#include "support/srvfix.h"
#include "support/wsfix.h"

/* One time limit for every test here that sets one (as test_server.c's): Criterion 2.4.1's BoxFort keeps
 * its pending time limits in a list sorted by deadline, and one inserted before another drops the rest
 * of the list, so that with --jobs 2 a test started while one with a later deadline ran leaked that one's
 * limit (LeakSanitizer: 48 bytes from libcriterion, the binary failed though every test passed).  With
 * one value, a later start is a later deadline, always appended. */
#define TAILPIPE_TEST_TIMEOUT 300

static char root[64];        /* the install directory, TAILPIPE_INSTALL_DIR */
static char data[128];       /* root/data/default */
static char scratch[160];    /* a DuckDB database that does not exist: the driver's in-memory one */

static lp_db_conn *duck_connect(const char *scheme, const char *path, lp_error *err)
{
    lp_db_target t = { .url = "test", .scheme = scheme, .path = path };
    lp_db_conn *c = NULL;
    memset(err, 0, sizeof *err);
    int rc = lp_driver_duckdb()->connect(&t, &c, err);
    if (rc != LP_OK && strstr(err->message, "DuckDB is not available")) ts_skip("%s", err->message);
    return rc == LP_OK ? c : NULL;
}

static int sql_rows(lp_db_conn *c, const char *sql, db_rows *r, lp_error *err)
{
    lp_db_sink s = db_sink(r);
    memset(err, 0, sizeof *err);
    return lp_driver_duckdb()->exec(c, sql, NULL, 0, &s, 0, err);
}

static void duck_ok(lp_db_conn *c, const char *sql)
{
    db_rows r = { 0 };
    lp_error err;
    cr_assert_eq(sql_rows(c, sql, &r, &err), LP_OK, "%s: %s", sql, err.message);
    db_rows_free(&r);
}

/* the single value sql gives, as text (malloc'd) */
static char *duck_value(lp_db_conn *c, const char *sql)
{
    db_rows r = { 0 };
    lp_error err;
    cr_assert_eq(sql_rows(c, sql, &r, &err), LP_OK, "%s: %s", sql, err.message);
    cr_assert_eq(r.nrows, 1, "%s: %zu rows", sql, r.nrows);
    char *v = strdup(db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : "NULL");
    db_rows_free(&r);
    return v;
}

static void sq_ok(sqlite3 *db, const char *sql)
{
    char *m = NULL;
    cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &m), SQLITE_OK, "%s: %s", sql, m ? m : "");
}

/* ------------------------------------------------------------ the fixture */

/* duckdb/ducklake's catalog tables (src/storage/ducklake_metadata_manager.cpp), the columns of
 * the version: 0.3 has partial_file_info where 0.4 has partial_max, no default_value_type */
static void write_schema(sqlite3 *db, const char *version)
{
    int v03 = strcmp(version, "0.3") == 0;
    sq_ok(db, "PRAGMA journal_mode=WAL");
    sq_ok(
        db,
        "CREATE TABLE ducklake_metadata(key VARCHAR NOT NULL, value VARCHAR NOT NULL, scope VARCHAR, "
        "scope_id BIGINT);"
        "CREATE TABLE ducklake_snapshot(snapshot_id BIGINT PRIMARY KEY, snapshot_time TIMESTAMPTZ, "
        "schema_version BIGINT, next_catalog_id BIGINT, next_file_id BIGINT);"
        "CREATE TABLE ducklake_snapshot_changes(snapshot_id BIGINT PRIMARY KEY, changes_made VARCHAR, "
        "author VARCHAR, commit_message VARCHAR, commit_extra_info VARCHAR);"
        "CREATE TABLE ducklake_schema(schema_id BIGINT PRIMARY KEY, schema_uuid UUID, begin_snapshot BIGINT, "
        "end_snapshot BIGINT, schema_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN);"
        "CREATE TABLE ducklake_table(table_id BIGINT, table_uuid UUID, begin_snapshot BIGINT, "
        "end_snapshot BIGINT, schema_id BIGINT, table_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN);"
        "CREATE TABLE ducklake_inlined_data_tables(table_id BIGINT, table_name VARCHAR, "
        "schema_version BIGINT);");
    sq_ok(
        db,
        v03 ? "CREATE TABLE ducklake_data_file(data_file_id BIGINT PRIMARY KEY, table_id BIGINT, "
              "begin_snapshot BIGINT, end_snapshot BIGINT, file_order BIGINT, path VARCHAR, path_is_relative "
              "BOOLEAN, file_format VARCHAR, record_count BIGINT, file_size_bytes BIGINT, footer_size "
              "BIGINT, "
              "row_id_start BIGINT, partition_id BIGINT, encryption_key VARCHAR, partial_file_info VARCHAR, "
              "mapping_id BIGINT);"
              "CREATE TABLE ducklake_delete_file(delete_file_id BIGINT PRIMARY KEY, table_id BIGINT, "
              "begin_snapshot BIGINT, end_snapshot BIGINT, data_file_id BIGINT, path VARCHAR, "
              "path_is_relative "
              "BOOLEAN, format VARCHAR, delete_count BIGINT, file_size_bytes BIGINT, footer_size BIGINT, "
              "encryption_key VARCHAR);"
              "CREATE TABLE ducklake_column(column_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, "
              "table_id BIGINT, column_order BIGINT, column_name VARCHAR, column_type VARCHAR, "
              "initial_default "
              "VARCHAR, default_value VARCHAR, nulls_allowed BOOLEAN, parent_column BIGINT);"
            : "CREATE TABLE ducklake_data_file(data_file_id BIGINT PRIMARY KEY, table_id BIGINT, "
              "begin_snapshot BIGINT, end_snapshot BIGINT, file_order BIGINT, path VARCHAR, path_is_relative "
              "BOOLEAN, file_format VARCHAR, record_count BIGINT, file_size_bytes BIGINT, footer_size "
              "BIGINT, "
              "row_id_start BIGINT, partition_id BIGINT, encryption_key VARCHAR,  mapping_id BIGINT, "
              "partial_max BIGINT);"
              "CREATE TABLE ducklake_delete_file(delete_file_id BIGINT PRIMARY KEY, table_id BIGINT, "
              "begin_snapshot BIGINT, end_snapshot BIGINT, data_file_id BIGINT, path VARCHAR, "
              "path_is_relative "
              "BOOLEAN, format VARCHAR, delete_count BIGINT, file_size_bytes BIGINT, footer_size BIGINT, "
              "encryption_key VARCHAR, partial_max BIGINT);"
              "CREATE TABLE ducklake_column(column_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, "
              "table_id BIGINT, column_order BIGINT, column_name VARCHAR, column_type VARCHAR, "
              "initial_default "
              "VARCHAR, default_value VARCHAR, nulls_allowed BOOLEAN, parent_column BIGINT, "
              "default_value_type "
              "VARCHAR, default_value_dialect VARCHAR);");
}

/* The hive directory of a Tailpipe partition's month, relative to the table's directory */
#define HIVE(p, i, y, m) "tp_partition=" p "/tp_index=" i "/year=" y "/month=" m

/* The rows of a file: ids [lo, hi], tp_timestamp from ts stepping by step */
static void write_parquet(lp_db_conn *duck, const char *path, const char *part, const char *index, int lo,
                          int hi, const char *ts, const char *step)
{
    char dir[600], sql[2000];
    snprintf(dir, sizeof dir, "mkdir -p \"$(dirname '%s')\"", path);
    cr_assert_eq(system(dir), 0);
    snprintf(
        sql, sizeof sql,
        "COPY (SELECT timestamp '%s' + (i - %d) * interval '%s' AS tp_timestamp, 'aws_cloudtrail_log' AS "
        "tp_table, '%s' AS tp_partition, '%s' AS tp_index, (timestamp '%s' + (i - %d) * interval '%s')::date "
        "AS tp_date, i::BIGINT AS id, 'Event' || i AS event_name, {'type': 'IAMUser', 'arn': 'arn:' || i} "
        "AS user_identity, ['r' || i, 's'] AS resources FROM range(%d, %d) t(i)) TO '%s' (FORMAT parquet)",
        ts, lo, step, part, index, ts, lo, step, lo, hi + 1, path);
    duck_ok(duck, sql);
}

static void column_rows(sqlite3 *db, int table, int snap, const char *end)
{
    char sql[2000];
    snprintf(
        sql, sizeof sql,
        "INSERT INTO ducklake_column(column_id, begin_snapshot, end_snapshot, table_id, column_order, "
        "column_name, column_type, nulls_allowed, parent_column) VALUES "
        "(%d01, %d, %s, %d, 1, 'tp_timestamp', 'timestamp', 1, NULL), (%d02, %d, %s, %d, 2, 'tp_table', "
        "'varchar', 1, NULL), (%d03, %d, %s, %d, 3, 'tp_partition', 'varchar', 1, NULL), (%d04, %d, %s, %d, "
        "4, "
        "'tp_index', 'varchar', 1, NULL), (%d05, %d, %s, %d, 5, 'tp_date', 'date', 1, NULL), (%d06, %d, %s, "
        "%d, "
        "6, 'id', 'int64', 1, NULL), (%d07, %d, %s, %d, 7, 'event_name', 'varchar', 1, NULL), (%d08, %d, %s, "
        "%d, 8, 'user_identity', 'struct', 1, NULL), (%d09, %d, %s, %d, 1, 'type', 'varchar', 1, %d08), "
        "(%d10, %d, %s, %d, 2, 'arn', 'varchar', 1, %d08), (%d11, %d, %s, %d, 9, 'resources', 'list', 1, "
        "NULL), "
        "(%d12, %d, %s, %d, 1, 'element', 'varchar', 1, %d11)",
        table, snap, end, table, table, snap, end, table, table, snap, end, table, table, snap, end, table,
        table, snap, end, table, table, snap, end, table, table, snap, end, table, table, snap, end, table,
        table, snap, end, table, table, table, snap, end, table, table, table, snap, end, table, table, snap,
        end, table, table);
    sq_ok(db, sql);
}

static char f1[400], f4[400], f5[400], del1[400];

/* The Tailpipe data: root/data/default/metadata.sqlite and its files, at DuckLake `version`.
 * Live at the end: aws_cloudtrail_log's F1 (ids 1-10 in January, rows 0 and 3 deleted: ids 1 and
 * 4), F4 (ids 11-25 in February: F2 and F3 compacted) and F5 (ids 26-30 in March, an absolute
 * path); empty_table without files; old_table dropped. */
static void fixture(const char *version)
{
    strcpy(root, "/tmp/lp_tailpipe_XXXXXX");
    cr_assert(mkdtemp(root));
    snprintf(data, sizeof data, "%s/data/default", root);
    snprintf(scratch, sizeof scratch, "%s/scratch.duckdb", root);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", data);
    cr_assert_eq(system(cmd), 0);
    lp_error err;
    lp_db_conn *duck = duck_connect("duckdb", scratch, &err);
    cr_assert(duck, "%s", err.message);
    const char *tdir = "aws_cloudtrail_log/";
    char f2[400], f3[400], b1[400];
    snprintf(f1, sizeof f1, "%s/%s" HIVE("prod", "111", "2024", "1") "/ducklake-f1.parquet", data, tdir);
    snprintf(f2, sizeof f2, "%s/%s" HIVE("dev", "222", "2024", "2") "/ducklake-f2.parquet", data, tdir);
    snprintf(f3, sizeof f3, "%s/%s" HIVE("dev", "222", "2024", "2") "/ducklake-f3.parquet", data, tdir);
    snprintf(f4, sizeof f4, "%s/%s" HIVE("dev", "222", "2024", "2") "/ducklake-f4.parquet", data, tdir);
    snprintf(f5, sizeof f5, "%s/%s" HIVE("prod", "333", "2024", "3") "/ducklake-f5.parquet", data, tdir);
    snprintf(b1, sizeof b1, "%s/old_table/" HIVE("x", "1", "2024", "1") "/ducklake-b1.parquet", data);
    snprintf(del1, sizeof del1, "%s/%s" HIVE("prod", "111", "2024", "1") "/ducklake-d1-delete.parquet", data,
             tdir);
    write_parquet(duck, f1, "prod", "111", 1, 10, "2024-01-01 00:00:00", "1 hour");
    write_parquet(duck, f2, "dev", "222", 11, 20, "2024-02-01 00:00:00", "1 day");
    write_parquet(duck, f3, "dev", "222", 21, 25, "2024-02-11 00:00:00", "1 day");
    write_parquet(duck, f4, "dev", "222", 11, 25, "2024-02-01 00:00:00", "1 day");
    write_parquet(duck, f5, "prod", "333", 26, 30, "2024-03-01 00:00:00", "1 day");
    write_parquet(duck, b1, "x", "1", 100, 104, "2024-01-01 00:00:00", "1 day");
    char sql[4000];
    /* DuckLake's delete file: the data file's path and the deleted rows' positions */
    snprintf(sql, sizeof sql,
             "COPY (SELECT '%s' AS file_path, pos::BIGINT AS pos FROM (VALUES (0), (3)) v(pos)) "
             "TO '%s' (FORMAT parquet)",
             f1, del1);
    duck_ok(duck, sql);
    lp_driver_duckdb()->close(duck);

    char cat[200];
    snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
    sqlite3 *db = NULL;
    cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
    write_schema(db, version);
    snprintf(sql, sizeof sql, "INSERT INTO ducklake_metadata VALUES ('version', '%s', NULL, NULL), "
             "('created_by', 'DuckDB', NULL, NULL), ('data_path', '%s/', NULL, NULL)", version, data);
    sq_ok(db, sql);
    sq_ok(db, "INSERT INTO ducklake_snapshot VALUES (0, '2024-01-01', 0, 1, 0), (1, '2024-01-02', 1, 3, 0), "
              "(2, '2024-01-03', 1, 3, 3), (3, '2024-01-04', 2, 4, 3), (4, '2024-01-05', 3, 4, 4), "
              "(5, '2024-01-06', 3, 4, 6), (6, '2024-01-07', 3, 4, 8);"
              "INSERT INTO ducklake_schema VALUES (0, 'a', 0, NULL, 'main', '', 1);"
              "INSERT INTO ducklake_table VALUES (1, 'b', 1, NULL, 0, 'aws_cloudtrail_log', "
              "'aws_cloudtrail_log/', 1),"
              " (2, 'c', 1, NULL, 0, 'empty_table', 'empty_table/', 1),"
              " (3, 'd', 3, 4, 0, 'old_table', 'old_table/', 1);");
    column_rows(db, 1, 1, "NULL");
    column_rows(db, 3, 3, "4");
    sq_ok(
        db,
        "INSERT INTO ducklake_column(column_id, begin_snapshot, end_snapshot, table_id, column_order, "
        "column_name, column_type, nulls_allowed, parent_column) VALUES (201, 1, NULL, 2, 1, 'tp_timestamp', "
        "'timestamp', 1, NULL), (202, 1, NULL, 2, 6, 'amount', 'decimal(18,3)', 1, NULL),"
        " (203, 1, 2, 2, 7, 'gone', 'varchar', 1, NULL), (204, 1, NULL, 2, 2, 'tp_table', 'varchar', 1, "
        "NULL),"
        " (205, 1, NULL, 2, 3, 'tp_partition', 'varchar', 1, NULL), (206, 1, NULL, 2, 4, 'tp_index', "
        "'varchar', "
        "1, NULL), (207, 1, NULL, 2, 5, 'tp_date', 'date', 1, NULL)");
    /* files: relative to the table's directory, F5 absolute; F2 and F3 compacted into F4 at 6 */
    char rel1[300], rel2[300], rel3[300], rel4[300], relb[300], reld[300];
    size_t skip = strlen(data) + 1 + strlen(tdir);
    strcpy(rel1, f1 + skip), strcpy(rel2, f2 + skip), strcpy(rel3, f3 + skip), strcpy(rel4, f4 + skip);
    strcpy(reld, del1 + skip);
    strcpy(relb, b1 + strlen(data) + strlen("/old_table/"));
    snprintf(sql, sizeof sql,
             "INSERT INTO ducklake_data_file(data_file_id, table_id, begin_snapshot, end_snapshot, "
             "file_order, path, path_is_relative, file_format, record_count) VALUES "
             "(0, 1, 2, NULL, NULL, '%s', 1, 'parquet', 10), (1, 1, 2, 6, NULL, '%s', 1, 'parquet', 10),"
             "(2, 3, 3, 4, NULL, '%s', 1, 'parquet', 5), (3, 1, 4, 6, NULL, '%s', 1, 'parquet', 5),"
             "(4, 1, 5, NULL, NULL, '%s', 0, 'parquet', 5), (6, 1, 6, NULL, NULL, '%s', 1, 'parquet', 15)",
             rel1, rel2, relb, rel3, f5, rel4);
    sq_ok(db, sql);
    snprintf(sql, sizeof sql, "INSERT INTO ducklake_delete_file(delete_file_id, table_id, begin_snapshot, "
             "end_snapshot, data_file_id, path, path_is_relative, format, delete_count) VALUES "
             "(5, 1, 5, NULL, 0, '%s', 1, 'parquet', 2)", reld);
    sq_ok(db, sql);
    cr_assert_eq(sqlite3_close(db), SQLITE_OK);
}

static void drop_fixture(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    cr_assert_eq(system(cmd), 0);
}

/* A connection to the fixture's data with the filters query ("from=...&index=..." or ""). */
static lp_db_conn *tailpipe(const char *query, lp_error *err)
{
    char spec[600];
    snprintf(spec, sizeof spec, "%s%s%s", data, *query ? "?" : "", query);
    return duck_connect("tailpipe", spec, err);
}

/* ------------------------------------------------------------ every file, before and after */

typedef struct file_state {
    char path[400];
    off_t size;
    struct timespec mtime;
    char *bytes;
} file_state;

static file_state files[64];
static int nfiles;

static int note_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type != FTW_F && type != FTW_D) return 0;
    cr_assert_lt(nfiles, 64);
    file_state *f = &files[nfiles++];
    snprintf(f->path, sizeof f->path, "%s", path);
    f->size = type == FTW_F ? st->st_size : -1;
    f->mtime = st->st_mtim;
    f->bytes = NULL;
    if (type == FTW_F) {
        FILE *in = fopen(path, "rb");
        cr_assert(in);
        f->bytes = malloc((size_t)st->st_size + 1);
        cr_assert_eq(fread(f->bytes, 1, (size_t)st->st_size, in), (size_t)st->st_size);
        fclose(in);
    }
    return 0;
}

/* The state of every file and directory under the data directory (n of them into *out). */
static int take_state(file_state **out)
{
    nfiles = 0;
    cr_assert_eq(nftw(data, note_file, 16, FTW_PHYS), 0);
    *out = malloc(sizeof files);
    memcpy(*out, files, sizeof files);
    return nfiles;
}

static void expect_same_state(file_state *before, int nb)
{
    file_state *after;
    int na = take_state(&after);
    cr_expect_eq(na, nb, "%d files and directories under the data directory, %d before", na, nb);
    for (int i = 0; i < nb && i < na; i++) {
        cr_expect_str_eq(after[i].path, before[i].path);
        cr_expect_eq(after[i].size, before[i].size, "%s changed size", before[i].path);
        cr_expect(after[i].mtime.tv_sec == before[i].mtime.tv_sec &&
                      after[i].mtime.tv_nsec == before[i].mtime.tv_nsec,
                  "%s: mtime changed", before[i].path);
        if (before[i].bytes && after[i].size == before[i].size)
            cr_expect(memcmp(after[i].bytes, before[i].bytes, (size_t)before[i].size) == 0,
                      "%s: bytes changed", before[i].path);
    }
    for (int i = 0; i < na; i++) free(after[i].bytes);
    for (int i = 0; i < nb; i++) free(before[i].bytes);
    free(after);
    free(before);
}

/* ------------------------------------------------------------ the views */

/* The live rows, from the files the test knows are live: the truth the views are held to. */
static lp_db_conn *truth(void)
{
    lp_error err;
    lp_db_conn *t = duck_connect("duckdb", scratch, &err);
    cr_assert(t, "%s", err.message);
    char sql[1600];
    snprintf(sql, sizeof sql,
             "CREATE TABLE live AS SELECT * FROM read_parquet('%s', hive_partitioning = false) "
             "WHERE id NOT IN (1, 4) UNION ALL SELECT * FROM read_parquet(['%s', '%s'], hive_partitioning = "
             "false)",
             f1, f4, f5);
    duck_ok(t, sql);
    return t;
}

static void check_views(const char *version)
{
    fixture(version);
    if (strcmp(version, "1.0") == 0) {   /* a data path relative to the catalog's directory */
        char cat[200];
        sqlite3 *db = NULL;
        snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
        cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
        sq_ok(db, "UPDATE ducklake_metadata SET value = 'x/../' WHERE key = 'data_path'");
        cr_assert_eq(sqlite3_close(db), SQLITE_OK);
        snprintf(cat, sizeof cat, "%s/x", data);
        cr_assert_eq(mkdir(cat, 0755), 0);
    }
    file_state *before;
    int nb = take_state(&before);
    lp_error err;
    lp_db_conn *c = tailpipe("", &err);
    cr_assert(c, "%s", err.message);
    lp_db_conn *t = truth();
    char *n = duck_value(c, "SELECT count(*) FROM aws_cloudtrail_log");
    char *want = duck_value(t, "SELECT count(*) FROM live");
    cr_expect_str_eq(want, "28", "the truth itself: 8 + 15 + 5 rows");
    cr_expect_str_eq(n, want, "version %s: %s rows, %s live", version, n, want);
    free(n), free(want);
    /* the same rows, value for value (ids, the struct and the list included) */
    n = duck_value(
        c, "SELECT string_agg(id || event_name || user_identity.arn || resources[1] || tp_timestamp, ',' "
           "ORDER BY id) FROM aws_cloudtrail_log");
    want = duck_value(
        t, "SELECT string_agg(id || event_name || user_identity.arn || resources[1] || tp_timestamp, "
           "',' ORDER BY id) FROM live");
    cr_expect_str_eq(n, want);
    free(n), free(want);
    /* the catalog's types, in its column order */
    n = duck_value(c,
                   "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) FROM "
                   "information_schema.columns WHERE table_name = 'aws_cloudtrail_log'");
    cr_expect_str_eq(
        n, "tp_timestamp TIMESTAMP, tp_table VARCHAR, tp_partition VARCHAR, tp_index VARCHAR, tp_date "
           "DATE, id BIGINT, event_name VARCHAR, user_identity STRUCT(\"type\" VARCHAR, arn VARCHAR), "
           "resources VARCHAR[]");
    free(n);
    n = duck_value(c, "SELECT count(*) || ' ' || string_agg(column_name || ' ' || data_type, ', ' ORDER BY "
                      "ordinal_position) FROM information_schema.columns WHERE table_name = 'empty_table'");
    cr_expect_str_eq(n, "6 tp_timestamp TIMESTAMP, tp_table VARCHAR, tp_partition VARCHAR, tp_index VARCHAR, "
                        "tp_date DATE, amount DECIMAL(18,3)", "a dropped column is gone");
    free(n);
    n = duck_value(c, "SELECT count(*) FROM empty_table");
    cr_expect_str_eq(n, "0");
    free(n);
    n = duck_value(c,
                   "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables");
    cr_expect_str_eq(n, "aws_cloudtrail_log,empty_table", "the dropped table is no view");
    free(n);
    lp_driver_duckdb()->close(c);
    lp_driver_duckdb()->close(t);
    expect_same_state(before, nb);
    drop_fixture();
}

Test(tailpipe, views_hold_the_live_rows_of_a_ducklake_0_3_catalog)
{
    check_views("0.3");
}

Test(tailpipe, views_hold_the_live_rows_of_a_ducklake_1_0_catalog)
{
    check_views("1.0");
}

/* ------------------------------------------------------------ filters */

static void expect_filter(lp_db_conn *t, const char *query, const char *where)
{
    lp_error err;
    lp_db_conn *c = tailpipe(query, &err);
    cr_assert(c, "%s: %s", query, err.message);
    char sql[600];
    snprintf(sql, sizeof sql, "SELECT count(*) || ':' || coalesce(sum(id), 0) FROM live%s%s",
             *where ? " WHERE " : "", where);
    char *n = duck_value(c, "SELECT count(*) || ':' || coalesce(sum(id), 0) FROM aws_cloudtrail_log");
    char *want = duck_value(t, sql);
    cr_expect_str_eq(n, want, "%s: %s, by hand (%s) %s", query, n, where, want);
    free(n), free(want);
    lp_driver_duckdb()->close(c);
}

Test(tailpipe, filters_as_tailpipe_connect_writes_them)
{
    fixture("0.3");
    file_state *before;
    int nb = take_state(&before);
    lp_db_conn *t = truth();
    expect_filter(t, "from=2024-02-01", "tp_timestamp >= timestamp '2024-02-01 00:00:00'");
    expect_filter(t, "to=2024-02-10T00%3A00%3A00Z", "tp_timestamp <= timestamp '2024-02-10 00:00:00'");
    expect_filter(t, "from=2024-01-01T05%3A00%3A00%2B02%3A00",
                  "tp_timestamp >= timestamp '2024-01-01 03:00:00'");
    expect_filter(t, "from=T-1000Y", "");
    expect_filter(t, "from=2024-01-01&to=2024-01-01T06%3A30%3A00", "tp_timestamp between '2024-01-01' and "
                                                                   "'2024-01-01 06:30:00'");
    /* one name: a table when a table has it (every row), else a partition */
    expect_filter(t, "partition=aws_cloudtrail_log", "");
    expect_filter(t, "partition=prod", "tp_partition = 'prod'");
    expect_filter(t, "partition=aws_cloudtrail_log.d*", "tp_partition like 'd%'");
    expect_filter(t, "partition=AWS*",
                  "tp_table like 'AWS%'"); /* a table by fnmatch's casefold, not LIKE's */
    expect_filter(t, "partition=other.prod", "false");
    expect_filter(t, "partition=*.prod&partition=aws_cloudtrail_log.dev", "tp_partition in ('prod', 'dev')");
    expect_filter(t, "partition=*.*", "");
    expect_filter(t, "index=111&index=333", "tp_index in ('111', '333')");
    expect_filter(t, "index=2*", "tp_index like '2%'");
    expect_filter(t, "index=*", "");
    /* combined: each filter's alternatives in parentheses, so that `or` binds inside them */
    expect_filter(t, "from=2024-01-01T03%3A00%3A00&partition=prod&partition=other.x&index=111&index=333",
                  "tp_timestamp >= timestamp '2024-01-01 03:00:00' and tp_partition = 'prod' and "
                  "tp_index in ('111', '333')");
    expect_filter(t, "to=2024-02-05&partition=dev&index=2*&index=9",
                  "tp_timestamp <= '2024-02-05' and "
                  "tp_partition = 'dev' and tp_index like '2%'");
    expect_filter(t, "partition=it%27s%20or%201%3D1", "false");   /* a quote stays in its literal */
    lp_driver_duckdb()->close(t);
    /* Tailpipe's refusals */
    const char *bad[][2] = {
        { "partition=*", "invalid partition name: *" },
        { "partition=a.b.c", "invalid partition name: a.b.c" },
        { "from=yesterday", "invalid date format for 'from': yesterday" },
        { "to=T-3x", "invalid date format for 'to': T-3x" },
        { "to=2024-02-30", "invalid date format for 'to'" },
        { "where=1", "invalid filter" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        lp_error err;
        lp_db_conn *c = tailpipe(bad[i][0], &err);
        cr_expect_null(c, "%s connected", bad[i][0]);
        cr_expect(strstr(err.message, bad[i][1]), "%s: %s", bad[i][0], err.message);
        if (c) lp_driver_duckdb()->close(c);
    }
    expect_same_state(before, nb);
    drop_fixture();
}

/* ------------------------------------------------------------ errors */

static void expect_refused(const char *want)
{
    lp_error err;
    lp_db_conn *c = tailpipe("", &err);
    cr_expect_null(c, "connected, want \"%s\"", want);
    cr_expect(strstr(err.message, want), "got \"%s\", want \"%s\"", err.message, want);
    if (c) lp_driver_duckdb()->close(c);
}

static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

Test(tailpipe, catalog_errors_name_the_file_and_what_is_wrong)
{
    fixture("0.3");
    char cat[200], sql[600];
    snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
    /* inlined rows: refused by name */
    sqlite3 *db = NULL;
    cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
    sq_ok(db,
          "CREATE TABLE ducklake_inlined_data_1_1(row_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, "
          "id BIGINT); INSERT INTO ducklake_inlined_data_tables VALUES (1, 'ducklake_inlined_data_1_1', 1);"
          "INSERT INTO ducklake_inlined_data_1_1 VALUES (0, 2, 3, 7)");
    lp_error err;
    lp_db_conn *c = tailpipe("", &err);
    cr_expect(c, "inlined rows all deleted: %s", err.message);
    if (c) lp_driver_duckdb()->close(c);
    /* a table without a column the filters read */
    sq_ok(db, "UPDATE ducklake_column SET end_snapshot = 1 WHERE column_id = 206");
    c = tailpipe("from=2024-01-01&index=1", &err);
    cr_expect_null(c);
    cr_expect(
        strstr(err.message, "table empty_table has no column tp_index, which the connection's filters read"),
        "%s", err.message);
    if (c) lp_driver_duckdb()->close(c);
    sq_ok(db, "UPDATE ducklake_column SET end_snapshot = NULL WHERE column_id = 206");
    sq_ok(db, "INSERT INTO ducklake_inlined_data_1_1 VALUES (1, 4, NULL, 8)");
    expect_refused("table aws_cloudtrail_log has rows inlined in the catalog");
    sq_ok(db, "DELETE FROM ducklake_inlined_data_tables; UPDATE ducklake_data_file SET encryption_key = 'k' "
              "WHERE data_file_id = 4");
    expect_refused("is encrypted");
    snprintf(sql, sizeof sql,
             "UPDATE ducklake_data_file SET encryption_key = NULL, path = 's3://bucket/x.parquet' "
             "WHERE data_file_id = 4");
    sq_ok(db, sql);
    expect_refused("s3://bucket/x.parquet: not a file on the local disk");
    sq_ok(db, "UPDATE ducklake_data_file SET path = 'tp_partition=*/x.parquet', path_is_relative = 1 "
              "WHERE data_file_id = 4");
    expect_refused("a path with a pattern character");
    snprintf(sql, sizeof sql,
             "UPDATE ducklake_data_file SET path = '%s', path_is_relative = 0 WHERE data_file_id = 4", f5);
    sq_ok(db, sql);
    sq_ok(db, "UPDATE ducklake_column SET column_type = 'geometry' WHERE column_id = 202");
    expect_refused("table empty_table, column amount: type geometry is not supported");
    sq_ok(db, "UPDATE ducklake_metadata SET value = '0.1' WHERE key = 'version'");
    expect_refused("DuckLake catalog version 0.1 is not supported");
    sq_ok(db,
          "DELETE FROM ducklake_snapshot; UPDATE ducklake_metadata SET value = '0.3' WHERE key = 'version'");
    expect_refused("no snapshot");
    cr_assert_eq(sqlite3_close(db), SQLITE_OK);
    /* an empty file, a corrupt one, none */
    write_file(cat, "", 0);
    expect_refused("not a DuckLake catalog Tailpipe wrote (no such table: ducklake_metadata)");
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(i * 7919 % 251);
    write_file(cat, junk, sizeof junk);
    expect_refused("file is not a database");
    cr_assert_eq(unlink(cat), 0);
    snprintf(sql, sizeof sql, "no Tailpipe data: %s/metadata.sqlite does not exist", data);
    expect_refused(sql);
    drop_fixture();
    snprintf(sql, sizeof sql, "no Tailpipe data: the data directory %s does not exist", data);
    expect_refused(sql);
}

/* A parquet file deleted under the catalog: the statement that reads it fails naming it. */
Test(tailpipe, a_missing_parquet_file_is_an_error_naming_it)
{
    fixture("1.0");
    cr_assert_eq(unlink(f5), 0);
    lp_error err;
    lp_db_conn *c = tailpipe("", &err);
    if (c) {
        db_rows r = { 0 };
        cr_expect_neq(sql_rows(c, "SELECT count(*) FROM aws_cloudtrail_log", &r, &err), LP_OK);
        db_rows_free(&r);
        lp_driver_duckdb()->close(c);
    }
    cr_expect(strstr(err.message, "ducklake-f5.parquet"), "%s", err.message);
    drop_fixture();
}

/* The list of a table's files is passed to DuckDB as one string split at the unit separator
 * (ducklake.c): a path holding a quote, or the separator itself, is still read, and only it. */
Test(tailpipe, file_names_with_a_quote_or_the_list_separator_are_read)
{
    static const char *const names[] = { "it's.parquet", "a\x1f" "b.parquet" };
    for (int k = 0; k < 2; k++) {
        fixture("1.0");
        char moved[500], cat[200], sql[1200];
        snprintf(moved, sizeof moved, "%.*s%s", (int)(strrchr(f5, '/') + 1 - f5), f5, names[k]);
        cr_assert_eq(rename(f5, moved), 0);
        sqlite3 *db = NULL;
        snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
        cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
        char *q = sqlite3_mprintf("UPDATE ducklake_data_file SET path = %Q WHERE data_file_id = 4", moved);
        snprintf(sql, sizeof sql, "%s", q);
        sqlite3_free(q);
        sq_ok(db, sql);
        cr_assert_eq(sqlite3_close(db), SQLITE_OK);
        lp_error err;
        lp_db_conn *c = tailpipe("", &err);
        cr_assert(c, "%s", err.message);
        char *n = duck_value(c, "SELECT count(*) || ' ' || sum(id) FROM aws_cloudtrail_log");
        /* ids 2-3, 5-10, 11-25, 26-30: the live rows of F1, F4 and F5 */
        cr_expect_str_eq(n, "28 460", "%s", names[k]);
        free(n);
        lp_driver_duckdb()->close(c);
        drop_fixture();
    }
}

/* `lazypipe server` over mod (flag: one more, or NULL) on the fixture's Tailpipe install directory,
 * and node SCRIPT URL A B [C] against it (URL: its WebSocket for timerange.js, its page for the
 * others), which must pass; the server's log shown when it does not. */
static void server_script(const char *mod, const char *flag, const char *script, const char *a,
                          const char *b, const char *c)
{
    char env1[220], env2[220];
    snprintf(env1, sizeof env1, "TAILPIPE_INSTALL_DIR=%s", root);
    snprintf(env2, sizeof env2, "POWERPIPE_INSTALL_DIR=%s", root);
    char *const env[] = { env1, env2, "TAILPIPE_WORKSPACE=default", NULL };
    sf_server s;
    sf_start(&s, mod, flag, NULL, env);
    char ws[80];
    snprintf(ws, sizeof ws, "ws://127.0.0.1:%d/ws", s.port);
    const char *url = strstr(script, "timerange.js") ? ws : s.url;
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        execlp("node", "node", script, url, a, b, c, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    int src = sf_stop_with(&s, SIGTERM);
    if (!WIFEXITED(st) || WEXITSTATUS(st) || src) {
        char cmd[PATH_MAX + 16];
        snprintf(cmd, sizeof cmd, "tail -30 '%s'", s.log);
        cr_assert_eq(system(cmd), 0);
    }
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s failed: %s", script, b);
    cr_expect_eq(src, 0, "server exit status %d", src);
    unlink(s.log);
}

/* The dashboard's time range through the server (tests/server/timerange.js): select_dashboard's
 * payload.datetime_range runs the dashboard on connection.tailpipe.default filtered to it, each range
 * its own run, against the counts DuckDB gives for the same range over the live rows. */
Test(tailpipe, the_dashboards_time_range_through_the_server, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    fixture("0.3");
    char mod[200];
    snprintf(mod, sizeof mod, "%s/mod", root);
    cr_assert_eq(mkdir(mod, 0755), 0);
    wf_write(mod, "mod.pp", "mod \"m\" {}\ndashboard \"d\" {\n  card \"n\" {\n    sql = \"select count(*) || "
                            "':' || sum(id) as value from aws_cloudtrail_log\"\n  }\n}\n"
                            "dashboard \"plain\" {\n  card \"p\" {\n    sql = \"select 1 as value\"\n"
                            "    database = connection.sqlite.default\n  }\n}\n");
    lp_db_conn *t = truth();
    static const struct {
        const char *from, *to, *where;
    } cases[] = {
        { NULL, NULL, "true" },
        { "2024-02-05T00:00:00Z", "2024-03-02T00:00:00Z",
          "tp_timestamp BETWEEN '2024-02-05' AND '2024-03-02'" },
        { "2024-01-01T02:00:00Z", NULL, "tp_timestamp >= '2024-01-01 02:00'" },
        { NULL, "2024-01-01T05:30:00+00:00", "tp_timestamp <= '2024-01-01 05:30'" },
    };
    char json[2000];
    size_t len = (size_t)snprintf(json, sizeof json, "[");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) || ':' || sum(id) FROM live WHERE %s", cases[i].where);
        char *want = duck_value(t, sql);
        len += (size_t)snprintf(json + len, sizeof json - len, "%s[%s%s%s, %s%s%s, \"%s\"]", i ? ", " : "",
                                cases[i].from ? "\"" : "", cases[i].from ? cases[i].from : "null",
                                cases[i].from ? "\"" : "", cases[i].to ? "\"" : "",
                                cases[i].to ? cases[i].to : "null", cases[i].to ? "\"" : "", want);
        free(want);
    }
    snprintf(json + len, sizeof json - len, "]");
    lp_driver_duckdb()->close(t);
    server_script(mod, "--database=connection.tailpipe.default", "tests/server/timerange.js",
                  "m.dashboard.d", json, "m.dashboard.plain");
    drop_fixture();
}

/* The page's time range control (tests/server/timerange_page.js) on a detection benchmark over
 * connection.tailpipe.default, in Chromium: each range picked in the control shows the detections'
 * totals DuckDB counts over the live rows for that range. */
Test(tailpipe, the_pages_time_range_control, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    fixture("0.3");
    char mod[200];
    snprintf(mod, sizeof mod, "%s/mod", root);
    cr_assert_eq(mkdir(mod, 0755), 0);
    /* a Tailpipe mod's database, as aws_cloudtrail_log_detections sets it */
    wf_write(mod, "mod.pp",
             "variable \"database\" {\n  type = connection\n"
             "  default = connection.tailpipe.default\n}\nmod \"m\" {\n  database = var.database\n}\n"
             "detection \"every\" {\n  severity = \"high\"\n"
             "  sql = \"select id from aws_cloudtrail_log\"\n}\n"
             "detection \"even\" {\n  severity = \"low\"\n"
             "  sql = \"select id from aws_cloudtrail_log where id % 2 = 0\"\n}\n"
             "benchmark \"det\" {\n  type = \"detection\"\n  title = \"Detections\"\n"
             "  children = [detection.every, detection.even]\n}\n");
    lp_db_conn *t = truth();
    static const char *const cases[][2] = {
        { "default", "tp_timestamp >= now() - interval 7 day" },
        { "absolute", "tp_timestamp BETWEEN '2024-02-05 00:00:00' AND '2024-03-02 23:59:59'" },
        { "start", "tp_timestamp >= '2024-01-01 02:00:00'" },
    };
    char json[1000];
    size_t len = (size_t)snprintf(json, sizeof json, "{");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[300];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) || ',' || count(*) FILTER (WHERE id %% 2 = 0) FROM live WHERE %s",
                 cases[i][1]);
        char *v = duck_value(t, sql), *comma = strchr(v, ',');
        cr_assert(comma);
        *comma = 0;
        len += (size_t)snprintf(json + len, sizeof json - len,
                                "%s\"%s\": {\"m.detection.every\": %s, \"m.detection.even\": %s}",
                                i ? ", " : "", cases[i][0], v, comma + 1);
        free(v);
    }
    snprintf(json + len, sizeof json - len, "}");
    lp_driver_duckdb()->close(t);
    server_script(mod, NULL, "tests/server/timerange_page.js", "m.benchmark.det", json, NULL);
    drop_fixture();
}

/* ------------------------------------------------------------ connection.tailpipe.* in a run */

static char *query_range(lp_workspace *ws, const char *cfgdir, const char *database, const char *from,
                         const char *to)
{
    const char *name = "q";
    lp_run_opts o = { .config_path = cfgdir, .database = database, .time_from = from, .time_to = to };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &name, 1, &o, &run, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(run, 60000), LP_OK);
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    char *v = NULL;
    if (lp_node_get_state(n) == LP_NODE_COMPLETE) {
        const lp_db_cell *cell = lp_node_row_count(n) == 1 ? lp_node_row(n, 0) : NULL;
        v = strdup(cell && cell->text ? cell->text : "(no row)");
    } else {
        v = strdup(lp_node_error(n) ? lp_node_error(n) : "(no error)");
    }
    lp_run_free(run);
    return v;
}

static char *query_value(lp_workspace *ws, const char *cfgdir, const char *database)
{
    return query_range(ws, cfgdir, database, NULL, NULL);
}

/* The fixture (0.3) as TAILPIPE_INSTALL_DIR, and a workspace over root/mod (query.q: the count and
 * sum of aws_cloudtrail_log's ids) with the connection blocks ppc in root/cfg. */
static lp_workspace *query_mod(const char *ppc, char mod[200], char cfg[200])
{
    fixture("0.3");
    cr_assert_eq(setenv("TAILPIPE_INSTALL_DIR", root, 1), 0);
    unsetenv("TAILPIPE_WORKSPACE");
    snprintf(mod, 200, "%s/mod", root);
    snprintf(cfg, 200, "%s/cfg", root);
    cr_assert_eq(mkdir(mod, 0755), 0);
    cr_assert_eq(mkdir(cfg, 0755), 0);
    wf_write(mod, "mod.pp", "mod \"m\" {}\nquery \"q\" { sql = \"select count(*) || ':' || sum(id) from "
                            "aws_cloudtrail_log\" }\n");
    wf_write(cfg, "tp.ppc", ppc);
    lp_driver_register(lp_driver_duckdb());
    return wf_open(mod, 0);
}

Test(tailpipe, connection_blocks_and_the_default_connection)
{
    char mod[200], cfg[200];
    lp_workspace *ws =
        query_mod("connection \"tailpipe\" \"recent\" {\n  from = \"2024-02-01\"\n"
                  "  partitions = [\"dev\", \"aws_cloudtrail_log.prod\"]\n  indexes = [\"2*\", "
                  "\"333\"]\n}\n",
                  mod, cfg);
    lp_db_conn *t = truth();
    char *want = duck_value(t, "SELECT count(*) || ':' || sum(id) FROM live");
    char *got = query_value(ws, cfg, "connection.tailpipe.default");
    cr_expect_str_eq(got, want);
    free(got), free(want);
    want = duck_value(t, "SELECT count(*) || ':' || sum(id) FROM live WHERE tp_timestamp >= '2024-02-01' AND "
                         "tp_partition IN ('dev', 'prod') AND (tp_index LIKE '2%' OR tp_index = '333')");
    got = query_value(ws, cfg, "connection.tailpipe.recent");
    cr_expect_str_eq(got, want);
    free(got), free(want);
    lp_driver_duckdb()->close(t);
    /* another workspace: its own data directory, which has no data */
    cr_assert_eq(setenv("TAILPIPE_WORKSPACE", "work", 1), 0);
    lp_close(ws);
    ws = wf_open(mod, 0);
    got = query_value(ws, cfg, "connection.tailpipe.default");
    char want_err[300];
    snprintf(want_err, sizeof want_err, "no Tailpipe data: the data directory %s/data/work does not exist",
             root);
    cr_expect(strstr(got, want_err), "%s", got);
    free(got);
    unsetenv("TAILPIPE_WORKSPACE");
    unsetenv("TAILPIPE_INSTALL_DIR");
    lp_close(ws);
    drop_fixture();
}

/* A dashboard's time range (Powerpipe's datetime_range, RFC 3339) over a connection's from/to as
 * pipe-fittings' TailpipeConnection.getFilters lays its override filters: each end replaces the
 * connection's when the connection sets none or an earlier one. */
Test(tailpipe, a_dashboards_time_range_over_the_connections_from_and_to)
{
    char mod[200], cfg[200];
    lp_workspace *ws = query_mod(
        "connection \"tailpipe\" \"feb\" {\n  from = \"2024-02-10\"\n  to = \"2024-02-20\"\n}\n", mod, cfg);
    lp_db_conn *t = truth();
    static const struct {
        const char *db, *from, *to, *where;
    } cases[] = {
        { "connection.tailpipe.default", "2024-02-05T00:00:00Z", "2024-03-02T00:00:00Z",
          "tp_timestamp >= '2024-02-05' AND tp_timestamp <= '2024-03-02'" },
        { "connection.tailpipe.default", NULL, "2024-01-01T05:30:00+00:00",
          "tp_timestamp <= '2024-01-01 05:30'" },
        /* the connection's from is later and stays; the range's to is later and wins */
        { "connection.tailpipe.feb", "2024-02-01T00:00:00Z", "2024-03-31T00:00:00Z",
          "tp_timestamp >= '2024-02-10' AND tp_timestamp <= '2024-03-31'" },
        { "connection.tailpipe.feb", "2024-02-15T00:00:00Z", NULL,
          "tp_timestamp >= '2024-02-15' AND tp_timestamp <= '2024-02-20'" },
        { "connection.tailpipe.feb", NULL, NULL,
          "tp_timestamp >= '2024-02-10' AND tp_timestamp <= '2024-02-20'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char sql[400];
        snprintf(sql, sizeof sql, "SELECT count(*) || ':' || sum(id) FROM live WHERE %s", cases[i].where);
        char *want = duck_value(t, sql);
        char *got = query_range(ws, cfg, cases[i].db, cases[i].from, cases[i].to);
        cr_expect_str_eq(got, want, "case %zu (%s)", i, cases[i].where);
        free(got), free(want);
    }
    /* not a time */
    char *got = query_range(ws, cfg, "connection.tailpipe.default", "yesterday", NULL);
    cr_expect(strstr(got, "invalid date format for 'from': yesterday"), "%s", got);
    free(got);
    lp_driver_duckdb()->close(t);
    unsetenv("TAILPIPE_INSTALL_DIR");
    lp_close(ws);
    drop_fixture();
}


/* ------------------------------------------------------------ the corpus's detection mod */

/* aws_cloudtrail_log as turbot/tailpipe-plugin-aws defines it (tables/cloudtrail_log: the SDK's
 * common tp_ fields, then CloudTrailLog's), as DuckLake columns: id, parent (0: none), name, type */
static const struct {
    int id, parent;
    const char *name, *type;
} CT_COLS[] = {
    { 1, 0, "tp_id", "varchar" },
    { 2, 0, "tp_source_type", "varchar" },
    { 3, 0, "tp_ingest_timestamp", "timestamp" },
    { 4, 0, "tp_timestamp", "timestamp" },
    { 5, 0, "tp_table", "varchar" },
    { 6, 0, "tp_partition", "varchar" },
    { 7, 0, "tp_index", "varchar" },
    { 8, 0, "tp_date", "date" },
    { 9, 0, "tp_source_ip", "varchar" },
    { 10, 0, "tp_destination_ip", "varchar" },
    { 11, 0, "tp_source_name", "varchar" },
    { 12, 0, "tp_source_location", "varchar" },
    { 13, 0, "tp_akas", "list" },
    { 14, 13, "element", "varchar" },
    { 15, 0, "tp_ips", "list" },
    { 16, 15, "element", "varchar" },
    { 17, 0, "tp_usernames", "list" },
    { 18, 17, "element", "varchar" },
    { 19, 0, "additional_event_data", "json" },
    { 20, 0, "api_version", "varchar" },
    { 21, 0, "aws_region", "varchar" },
    { 22, 0, "edge_device_details", "json" },
    { 23, 0, "error_code", "varchar" },
    { 24, 0, "error_message", "varchar" },
    { 25, 0, "event_category", "varchar" },
    { 26, 0, "event_id", "varchar" },
    { 27, 0, "event_name", "varchar" },
    { 28, 0, "event_source", "varchar" },
    { 29, 0, "event_time", "timestamp" },
    { 30, 0, "event_type", "varchar" },
    { 31, 0, "event_version", "varchar" },
    { 32, 0, "management_event", "boolean" },
    { 33, 0, "read_only", "boolean" },
    { 34, 0, "recipient_account_id", "varchar" },
    { 35, 0, "request_id", "varchar" },
    { 36, 0, "request_parameters", "json" },
    { 37, 0, "resources", "json" },
    { 38, 0, "response_elements", "json" },
    { 39, 0, "service_event_details", "json" },
    { 40, 0, "session_credential_from_console", "varchar" },
    { 41, 0, "shared_event_id", "varchar" },
    { 42, 0, "source_ip_address", "varchar" },
    { 43, 0, "tls_details", "struct" },
    { 44, 43, "cipher_suite", "varchar" },
    { 45, 43, "client_provided_host_header", "varchar" },
    { 46, 43, "tls_version", "varchar" },
    { 47, 0, "user_agent", "varchar" },
    { 48, 0, "user_identity", "struct" },
    { 49, 48, "access_key_id", "varchar" },
    { 50, 48, "account_id", "varchar" },
    { 51, 48, "arn", "varchar" },
    { 52, 48, "identity_provider", "varchar" },
    { 53, 48, "invoked_by", "varchar" },
    { 54, 48, "principal_id", "varchar" },
    { 55, 48, "session_context", "struct" },
    { 56, 55, "attributes", "struct" },
    { 57, 56, "creation_date", "timestamp" },
    { 58, 56, "mfa_authenticated", "varchar" },
    { 59, 55, "ec2_role_delivery", "varchar" },
    { 60, 55, "session_issuer", "struct" },
    { 61, 60, "account_id", "varchar" },
    { 62, 60, "arn", "varchar" },
    { 63, 60, "principal_id", "varchar" },
    { 64, 60, "type", "varchar" },
    { 65, 60, "user_name", "varchar" },
    { 66, 55, "web_id_federation_data", "struct" },
    { 67, 66, "attributes", "json" },
    { 68, 66, "federated_provider", "varchar" },
    { 69, 48, "type", "varchar" },
    { 70, 48, "user_name", "varchar" },
    { 71, 0, "vpc_endpoint_id", "varchar" },
};

/* Events planted for three detections, each beside one that looks alike and must not be found:
 * (event_source, event_name, error_code, request_parameters, response_elements,
 * session_credential_from_console, user_identity.type) */
#define CT_EVENT(src, name, err, req, resp, console, who)                                                    \
    "('" src "', '" name "', " err ", " req ", " resp ", " console ", '" who "')"
static const char *const CT_EVENTS[] = {
    CT_EVENT("cloudtrail.amazonaws.com", "StopLogging", "NULL", "'{\"name\": \"trail-1\"}'", "NULL", "NULL",
             "IAMUser"),
    CT_EVENT("cloudtrail.amazonaws.com", "StopLogging", "'AccessDenied'", "'{\"name\": \"trail-2\"}'", "NULL",
             "NULL", "IAMUser"),
    CT_EVENT("cloudtrail.amazonaws.com", "UpdateTrail", "NULL",
             "'{\"name\": \"trail-3\", \"KmsKeyId\": \"k\"}'", "'{\"trailARN\": \"arn:t3\"}'", "NULL",
             "IAMUser"),
    CT_EVENT("cloudtrail.amazonaws.com", "UpdateTrail", "NULL",
             "'{\"name\": \"trail-4\", \"KmsKeyId\": \"k\"}'", "'{\"trailARN\": \"arn:t4\"}'", "'true'",
             "IAMUser"),
    CT_EVENT("signin.amazonaws.com", "ConsoleLogin", "NULL", "NULL", "NULL", "NULL", "Root"),
    CT_EVENT("signin.amazonaws.com", "ConsoleLogin", "NULL", "NULL", "NULL", "NULL", "IAMUser"),
};

/* root/data/default with aws_cloudtrail_log: one file of the planted events */
static void cloudtrail_fixture(void)
{
    fixture("0.3");
    lp_error err;
    lp_db_conn *duck = duck_connect("duckdb", scratch, &err);
    cr_assert(duck, "%s", err.message);
    lp_buf sql = { 0 };
    lp_buf_puts(&sql, "CREATE TABLE ct (");
    for (size_t i = 0; i < sizeof CT_COLS / sizeof *CT_COLS; i++) {
        if (CT_COLS[i].parent) continue;
        const char *t = CT_COLS[i].type;
        int id = CT_COLS[i].id;
        const char *ddl =
            strcmp(t, "list") == 0 ? "VARCHAR[]"
            : strcmp(t, "struct") == 0 && id == 43
                ? "STRUCT(cipher_suite VARCHAR, "
                  "client_provided_host_header VARCHAR, tls_version VARCHAR)"
            : strcmp(t, "struct") == 0
                ? "STRUCT(access_key_id VARCHAR, account_id VARCHAR, arn VARCHAR, identity_provider "
                  "VARCHAR, invoked_by VARCHAR, principal_id VARCHAR, session_context STRUCT(attributes "
                  "STRUCT(creation_date TIMESTAMP, mfa_authenticated VARCHAR), ec2_role_delivery VARCHAR, "
                  "session_issuer STRUCT(account_id VARCHAR, arn VARCHAR, principal_id VARCHAR, \"type\" "
                  "VARCHAR, user_name VARCHAR), web_id_federation_data STRUCT(attributes JSON, "
                  "federated_provider VARCHAR)), \"type\" VARCHAR, user_name VARCHAR)"
                : t;
        lp_buf_printf(&sql, "%s\"%s\" %s", i ? ", " : "", CT_COLS[i].name, ddl);
    }
    lp_buf_puts(
        &sql, "); INSERT INTO ct BY NAME SELECT 'id' || row_number() OVER () AS tp_id, timestamp "
              "'2024-05-01 10:00:00' + row_number() OVER () * interval 1 minute AS tp_timestamp, "
              "tp_timestamp AS event_time, 'aws_cloudtrail_log' AS tp_table, 'prod' AS tp_partition, "
              "'123456789012' AS tp_index, tp_timestamp::date AS tp_date, 'us-east-1' AS aws_region, "
              "src AS event_source, name AS event_name, err AS error_code, req::JSON AS request_parameters, "
              "resp::JSON AS response_elements, console AS session_credential_from_console, "
              "{'type': who, 'arn': 'arn:aws:iam::123456789012:user/alice'} AS user_identity "
              "FROM (VALUES ");
    for (size_t i = 0; i < sizeof CT_EVENTS / sizeof *CT_EVENTS; i++)
        lp_buf_printf(&sql, "%s%s", i ? ", " : "", CT_EVENTS[i]);
    lp_buf_printf(&sql, ") v(src, name, err, req, resp, console, who); COPY ct TO '%s/aws_cloudtrail_log/"
                  HIVE("prod", "123456789012", "2024", "5") "/ducklake-ct.parquet' (FORMAT parquet)", data);
    char mk[300];
    snprintf(mk, sizeof mk, "mkdir -p '%s/aws_cloudtrail_log/" HIVE("prod", "123456789012", "2024", "5") "'",
             data);
    cr_assert_eq(system(mk), 0);
    duck_ok(duck, sql.data);
    lp_buf_free(&sql);
    lp_driver_duckdb()->close(duck);
    /* the catalog: aws_cloudtrail_log replaced (the fixture's table ended at snapshot 7, this one from 7) */
    char cat[200], q[600];
    snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
    sqlite3 *db = NULL;
    cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
    sq_ok(db, "INSERT INTO ducklake_snapshot VALUES (7, '2024-05-02', 4, 9, 9);"
              "UPDATE ducklake_table SET end_snapshot = 7 WHERE table_id = 1;"
              "UPDATE ducklake_column SET end_snapshot = 7 WHERE table_id = 1 AND end_snapshot IS NULL;"
              "UPDATE ducklake_data_file SET end_snapshot = 7 WHERE table_id = 1 AND end_snapshot IS NULL;"
              "UPDATE ducklake_delete_file SET end_snapshot = 7 WHERE table_id = 1 AND end_snapshot IS NULL;"
              "INSERT INTO ducklake_table VALUES (8, 'e', 7, NULL, 0, 'aws_cloudtrail_log', "
              "'aws_cloudtrail_log/', 1)");
    for (size_t i = 0; i < sizeof CT_COLS / sizeof *CT_COLS; i++) {
        char parent[16] = "NULL";
        if (CT_COLS[i].parent) snprintf(parent, sizeof parent, "%d", 1000 + CT_COLS[i].parent);
        snprintf(q, sizeof q,
                 "INSERT INTO ducklake_column(column_id, begin_snapshot, end_snapshot, table_id, "
                 "column_order, column_name, column_type, nulls_allowed, parent_column) VALUES (%d, 7, NULL, "
                 "8, %zu, "
                 "'%s', '%s', 1, %s)",
                 1000 + CT_COLS[i].id, i, CT_COLS[i].name, CT_COLS[i].type, parent);
        sq_ok(db, q);
    }
    snprintf(q, sizeof q,
             "INSERT INTO ducklake_data_file(data_file_id, table_id, begin_snapshot, end_snapshot, path, "
             "path_is_relative, file_format, record_count) VALUES (8, 8, 7, NULL, '" HIVE(
                 "prod", "123456789012", "2024", "5") "/ducklake-ct.parquet', 1, 'parquet', 6)");
    sq_ok(db, q);
    cr_assert_eq(sqlite3_close(db), SQLITE_OK);
}

/* aws_cloudtrail_log_detections on its default database, connection.tailpipe.default: each planted
 * event found by its detection, its look-alike not; every detection of the MITRE benchmark runs. */
Test(tailpipe, the_cloudtrail_detection_mod_runs_on_its_default_connection, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    const char *mod = ts_data("corpus/aws_cloudtrail_log_detections");
    cloudtrail_fixture();
    file_state *before;
    int nb = take_state(&before);
    cr_assert_eq(setenv("TAILPIPE_INSTALL_DIR", root, 1), 0);
    unsetenv("TAILPIPE_WORKSPACE");
    const struct {
        const char *detection, *found, *not_found;
    } want[] = {
        { "cloudtrail_trail_logging_stopped", "trail-1", "trail-2" },
        { "cloudtrail_trail_kms_key_updated", "trail-3", "trail-4" },
        { "iam_root_user_console_login", "Root", "IAMUser" },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        cl_result r =
            cl_run("--mod-location '%s' --no-index-cache --config-path '%s' detection run %s --output json",
                   mod, root, want[i].detection);
        cr_expect_eq(r.status, 0, "%s: %s", want[i].detection, r.err);
        cr_expect(strstr(r.out, want[i].found), "%s: %s not found:\n%s", want[i].detection, want[i].found,
                  r.out);
        cr_expect(!strstr(r.out, want[i].not_found), "%s: %s found", want[i].detection, want[i].not_found);
        cl_done(&r);
    }
    cl_result r = cl_run("--mod-location '%s' --no-index-cache --config-path '%s' detection run "
                         "benchmark.mitre_attack_v161 --output json", mod, root);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "trail-1") && strstr(r.out, "\"Root\""), "%.2000s", r.out);
    cr_expect(!strstr(r.out, "\"error\": \"") && !strstr(r.out, "Binder Error"),
              "a detection failed: %.3000s", strstr(r.out, "rror") ? strstr(r.out, "rror") - 200 : r.out);
    cl_done(&r);
    unsetenv("TAILPIPE_INSTALL_DIR");
    expect_same_state(before, nb);
    drop_fixture();
}

/* ------------------------------------------------------------ a catalog written while it is read */

static int max_snapshot(const char *cat)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    cr_assert_eq(sqlite3_open_v2(cat, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    cr_assert_eq(sqlite3_prepare_v2(db, "SELECT max(snapshot_id) FROM ducklake_snapshot", -1, &st, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* A writer in another process commits snapshots in a loop (until the reader has read 6 times, at
 * most 400), each adding a file of 10 rows to aws_cloudtrail_log (F1 again, without its delete
 * file): snapshot S has 10 * (S - 4) rows.  Each read sees one whole snapshot (a multiple of 10), and
 * one at least as new as the last committed before it began (not the main file alone while the
 * commits are in the -wal file). */
Test(tailpipe, a_catalog_written_while_it_is_read_is_read_whole, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    fixture("0.3");
    char cat[200];
    snprintf(cat, sizeof cat, "%s/metadata.sqlite", data);
    sqlite3 *db = NULL;
    cr_assert_eq(sqlite3_open(cat, &db), SQLITE_OK);
    sq_ok(
        db,
        "DELETE FROM ducklake_delete_file; UPDATE ducklake_data_file SET end_snapshot = 6 WHERE table_id = 1 "
        "AND end_snapshot IS NULL; INSERT INTO ducklake_snapshot VALUES (7, '2024-01-08', 3, 4, 100)");
    for (int k = 0; k < 3; k++) {
        char q[700];
        snprintf(q, sizeof q, "INSERT INTO ducklake_data_file(data_file_id, table_id, begin_snapshot, path, "
                 "path_is_relative, file_format) VALUES (%d, 1, 7, '%s', 0, 'parquet')", 100 + k, f1);
        sq_ok(db, q);
    }
    cr_assert_eq(sqlite3_close(db), SQLITE_OK);
    char stop[200];
    snprintf(stop, sizeof stop, "%s/stop", root);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {   /* the writer */
        sqlite3 *w = NULL;
        int bad = sqlite3_open(cat, &w) != SQLITE_OK;
        sqlite3_busy_timeout(w, 5000);
        for (int s = 8; s < 408 && !bad && access(stop, F_OK) != 0; s++) {
            char q[1000], *m = NULL;
            snprintf(q, sizeof q,
                     "BEGIN IMMEDIATE; INSERT INTO ducklake_snapshot VALUES (%d, '2024-01-09', 3, 4, 0);"
                     "INSERT INTO ducklake_data_file(data_file_id, table_id, begin_snapshot, path, "
                     "path_is_relative, "
                     "file_format) VALUES (%d, 1, %d, '%s', 0, 'parquet'); COMMIT",
                     s, 1000 + s, s, f1);
            bad = sqlite3_exec(w, q, NULL, NULL, &m) != SQLITE_OK;
            if (bad) fprintf(stderr, "writer: %s\n", m ? m : "?");
        }
        sqlite3_close(w);
        _exit(bad);
    }
    int reads = 0, status = 0;
    for (;;) {
        int done = waitpid(pid, &status, WNOHANG) == pid;
        int committed = max_snapshot(cat);
        lp_error err;
        lp_db_conn *c = tailpipe("", &err);
        cr_assert(c, "read %d: %s", reads, err.message);
        char *n = duck_value(c, "SELECT count(*) FROM aws_cloudtrail_log");
        long rows = atol(n);
        cr_assert(rows % 10 == 0, "read %d: %ld rows, not one whole snapshot's", reads, rows);
        cr_assert_geq(rows / 10 + 4, committed, "read %d: snapshot %ld, %d was committed before it", reads,
                      rows / 10 + 4, committed);
        free(n);
        lp_driver_duckdb()->close(c);
        reads++;
        if (done) break;
        if (reads == 6) {
            FILE *f = fopen(stop, "w");
            cr_assert(f);
            fclose(f);
        }
    }
    cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer failed");
    int snaps = max_snapshot(cat) - 7;
    cr_expect_gt(snaps, reads, "%d snapshots written during %d reads", snaps, reads);
    cr_log_info("%d reads while %d snapshots were written", reads, snaps);
    drop_fixture();
}

/* Powerpipe's acceptance mod tp_detection_mod on its own default, connection.tailpipe.default, over
 * the fixture's data: its detection benchmark runs, every detection's row there. */
Test(tailpipe, powerpipes_tp_detection_mod_runs_on_its_default_connection, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    const char *mod = ts_shared("testdata/powerpipe/acceptance/test_data/mods/tp_detection_mod");
    fixture("1.0");
    cr_assert_eq(setenv("TAILPIPE_INSTALL_DIR", root, 1), 0);
    unsetenv("TAILPIPE_WORKSPACE");
    cl_result r = cl_run("--mod-location '%s' --no-index-cache --config-path '%s' detection run "
                         "benchmark.test_detection_benchmark_1 --output json", mod, root);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\"detection_21\": 21") && strstr(r.out, "\"detection_22\": 22"), "%.3000s",
              r.out);
    cr_expect(!strstr(r.out, "\"error\": \""), "%.3000s", r.out);
    cl_done(&r);
    /* without Tailpipe data: each detection in error, naming the directory */
    char none[200];
    snprintf(none, sizeof none, "%s/none", root);
    cr_assert_eq(setenv("TAILPIPE_INSTALL_DIR", none, 1), 0);
    r = cl_run("--mod-location '%s' --no-index-cache --config-path '%s' detection run "
               "benchmark.test_detection_benchmark_1 --output json", mod, root);
    cr_expect(strstr(r.out, "no Tailpipe data: the data directory") && strstr(r.out, "/none/data/default"),
              "%.3000s\n%s", r.out, r.err);
    cl_done(&r);
    unsetenv("TAILPIPE_INSTALL_DIR");
    drop_fixture();
}

/* ------------------------------------------------------------ Powerpipe's route: `tailpipe connect` */

/* There is no tailpipe program here: this shell script stands in for it, behaving as Tailpipe's
 * cmd/connect.go documents `tailpipe connect --output json`: it writes an init script
 * (tailpipe_init_<n>.sql in the data directory) that makes one view per table, --from and --to applied
 * as its views.go applies them (tp_timestamp >= / <= timestamp 'YYYY-MM-DD HH:MM:SS'), and prints
 * {"init_script_path": ...}.  The views read the fixture's live files with DuckDB's parquet reader, so
 * that the script runs offline (Tailpipe's installs and attaches DuckLake).  STANDIN_MODE makes it
 * fail as the program can: exit 1 (Tailpipe's exit code for a failed connect), an error member with
 * exit 0, output that is no JSON, or Tailpipe 0.6's {"database_filepath": STANDIN_DB}.  Its arguments
 * go to STANDIN_ARGS, one a line, and a line to STANDIN_ARGS.n each time it runs. */
static const char standin[] =
    "#!/bin/sh\n"
    "printf '%s\\n' \"$@\" > \"$STANDIN_ARGS\"\n"
    "echo >> \"$STANDIN_ARGS.n\"\n"
    "from=; to=\n"
    "while [ $# -gt 0 ]; do case $1 in --from) from=$2; shift;; --to) to=$2; shift;; esac; shift; done\n"
    "case $STANDIN_MODE in\n"
    "  exit1) echo '{\"error\":\"no data\"}'; exit 1;;\n"
    "  error) echo '{\"error\":\"no \\u003cdata\\u003e\"}'; exit 0;;\n"
    "  garbage) echo 'Error: not json'; exit 0;;\n"
    "  dbfile) printf '{\"database_filepath\":\"%s\"}\\n' \"$STANDIN_DB\"; exit 0;;\n"
    "esac\n"
    "ts() { echo \"$1\" | sed 's/T/ /; s/Z$//'; }\n"
    "w=\"id not in (1, 4)\"\n"
    "[ -n \"$from\" ] && w=\"$w and tp_timestamp >= timestamp '$(ts $from)'\"\n"
    "[ -n \"$to\" ] && w=\"$w and tp_timestamp <= timestamp '$(ts $to)'\"\n"
    "s=$TAILPIPE_INSTALL_DIR/data/default/tailpipe_init_$$.sql\n"
    "printf \"create view aws_cloudtrail_log as select * from read_parquet(%s, hive_partitioning = false) "
    "where %s;\\n\" \"$STANDIN_FILES\" \"$w\" > \"$s\"\n"
    "printf '{\"init_script_path\":\"%s\"}\\n' \"$s\"\n";

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return strdup("(none)");
    char buf[2000];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strdup(buf);
}

/* the init scripts left in the data directory */
static int scripts_left(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^tailpipe_init_' >/dev/null", data);
    return system(cmd) == 0;
}

/* The stand-in first on PATH (path: the new PATH; bin its directory), its arguments to args. */
static void standin_setup(char bin[220], char path[PATH_MAX], char args[220])
{
    char live_files[1400];
    snprintf(bin, 220, "%s/bin", root);
    cr_assert_eq(mkdir(bin, 0755), 0);
    wf_write(bin, "tailpipe", standin);
    snprintf(path, PATH_MAX, "%s/tailpipe", bin);
    cr_assert_eq(chmod(path, 0755), 0);
    snprintf(path, PATH_MAX, "%s:%s", bin, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    snprintf(args, 220, "%s/args", root);
    snprintf(live_files, sizeof live_files, "['%s', '%s', '%s']", f1, f4, f5);
    cr_assert_eq(setenv("PATH", path, 1), 0);
    cr_assert_eq(setenv("STANDIN_ARGS", args, 1), 0);
    cr_assert_eq(setenv("STANDIN_FILES", live_files, 1), 0);
}

Test(tailpipe, the_tailpipe_program_route, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    char mod[200], cfg[200], bin[220], path[PATH_MAX], args[220], dbf[220];
    lp_workspace *ws = query_mod("connection \"tailpipe\" \"some\" {\n  indexes = [\"2*\", \"333\"]\n"
                                 "  partitions = [\"dev\", \"aws_cloudtrail_log.prod\"]\n}\n",
                                 mod, cfg);
    standin_setup(bin, path, args);
    lp_db_conn *t = truth();
    /* the switch off: lazypipe reads the catalog itself, the program is not run */
    char *want = duck_value(t, "SELECT count(*) || ':' || sum(id) FROM live"), *got, *a;
    got = query_value(ws, cfg, "connection.tailpipe.default");
    cr_expect_str_eq(got, want);
    cr_expect_eq(access(args, F_OK), -1, "the program ran without the switch");
    free(got);
    cr_assert_eq(setenv("LAZYPIPE_TAILPIPE_CLI", "true", 1), 0);
    got = query_value(ws, cfg, "connection.tailpipe.default");
    cr_expect_str_eq(got, want);
    a = read_text(args);
    cr_expect_str_eq(a, "connect\n--output\njson\n");
    cr_expect(!scripts_left(), "the init script is left after the run");
    free(got), free(want), free(a);
    /* a dashboard's time range: --from and --to as RFC 3339 in UTC */
    want = duck_value(t, "SELECT count(*) || ':' || sum(id) FROM live WHERE tp_timestamp BETWEEN "
                         "'2024-02-05' AND '2024-03-02 12:00'");
    got = query_range(ws, cfg, "connection.tailpipe.default", "2024-02-05", "2024-03-02T13:00:00+01:00");
    a = read_text(args);
    cr_expect_str_eq(got, want);
    cr_expect_str_eq(a,
                     "connect\n--output\njson\n--from\n2024-02-05T00:00:00Z\n--to\n2024-03-02T12:00:00Z\n");
    free(got), free(want), free(a);
    /* the connection's indexes and partitions: one argument each, joined, in double quotes */
    got = query_value(ws, cfg, "connection.tailpipe.some");
    a = read_text(args);
    cr_expect_str_eq(a, "connect\n--output\njson\n--index\n\"2*,333\"\n--partition\n"
                        "\"dev,aws_cloudtrail_log.prod\"\n");
    free(got), free(a);
    /* Tailpipe 0.6: a DuckDB database file */
    snprintf(dbf, sizeof dbf, "%s/tailpipe.db", root);
    char sql[400];
    snprintf(sql, sizeof sql, "ATTACH '%s' AS f; CREATE TABLE f.aws_cloudtrail_log AS SELECT * FROM live "
                              "WHERE id < 10; DETACH f",
             dbf);
    duck_ok(t, sql);
    want = duck_value(t, "SELECT count(*) || ':' || sum(id) FROM live WHERE id < 10");
    cr_assert_eq(setenv("STANDIN_DB", dbf, 1), 0);
    cr_assert_eq(setenv("STANDIN_MODE", "dbfile", 1), 0);
    got = query_value(ws, cfg, "connection.tailpipe.default");
    cr_expect_str_eq(got, want);
    free(got), free(want);
    lp_driver_duckdb()->close(t);
    /* Powerpipe's errors */
    static const char *const errs[][2] = {
        { "exit1", "TailpipeConnection failed to get connection string: exit status 1" },
        { "error", "'tailpipe connect' returned an error: no <data>" },
        { "garbage", "'tailpipe connect' returned invalid response" },
    };
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        cr_assert_eq(setenv("STANDIN_MODE", errs[i][0], 1), 0);
        got = query_value(ws, cfg, "connection.tailpipe.default");
        cr_expect(strstr(got, errs[i][1]), "%s: %s", errs[i][0], got);
        free(got);
    }
    cr_assert_eq(setenv("PATH", "/nonexistent", 1), 0);
    got = query_value(ws, cfg, "connection.tailpipe.default");
    cr_expect(strstr(got,
                     "TailpipeConnection failed to get connection string: exec: \"tailpipe\": executable "
                     "file not found in $PATH"),
              "%s", got);
    free(got);
    cr_assert_eq(setenv("PATH", path + strlen(bin) + 1, 1), 0);
    lp_close(ws);
    drop_fixture();
}

/* The server's pool (lp_run_share) keeps a connection per filter set across runs, as Powerpipe caches
 * one per filter set: through the program, runs with the same range take the connection the first
 * opened (the program runs once), another range opens its own, and the pool's close deletes the
 * scripts. */
Test(tailpipe, a_connection_per_filter_set_across_runs, .timeout = TAILPIPE_TEST_TIMEOUT)
{
    char mod[200], cfg[200], bin[220], path[PATH_MAX], args[220], n_file[240];
    lp_workspace *ws = query_mod("", mod, cfg);
    standin_setup(bin, path, args);
    cr_assert_eq(setenv("LAZYPIPE_TAILPIPE_CLI", "true", 1), 0);
    snprintf(n_file, sizeof n_file, "%s.n", args);
    lp_run_share *share = lp_run_share_new();
    cr_assert(share);
    lp_run_share_set_pool(share, 4);
    static const char *const ranges[][2] = { { "2024-02-05", NULL }, { "2024-02-05", NULL },
                                             { "2024-01-01", "2024-02-01" }, { "2024-02-05", NULL } };
    static const char *const runs_so_far[] = { "\n", "\n", "\n\n", "\n\n" };
    for (size_t i = 0; i < 4; i++) {
        const char *name = "q";
        lp_run_opts o = { .config_path = cfg, .database = "connection.tailpipe.default", .share = share,
                          .time_from = ranges[i][0], .time_to = ranges[i][1] };
        lp_run *run = NULL;
        lp_error err = { 0 };
        cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &name, 1, &o, &run, &err), LP_OK, "%s", err.message);
        cr_assert_eq(lp_run_wait(run, 60000), LP_OK);
        cr_expect_eq(lp_node_get_state(lp_node_child(lp_run_root(run), 0)), LP_NODE_COMPLETE, "run %zu", i);
        lp_run_free(run);
        char *n = read_text(n_file);
        cr_expect_str_eq(n, runs_so_far[i], "the program's runs after run %zu", i);
        free(n);
    }
    cr_expect(scripts_left(), "the pool's connections closed early");
    cr_expect_eq(lp_run_share_trim(share, 0), 0);
    cr_expect(!scripts_left(), "the init scripts are left after the pool closed its connections");
    lp_run_share_free(share);
    cr_assert_eq(setenv("PATH", path + strlen(bin) + 1, 1), 0);
    lp_close(ws);
    drop_fixture();
}
