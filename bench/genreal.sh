#!/bin/sh
# bench/genreal.sh — a run workload shaped like the real mods, and the same statements
# as a psql script, so that both sides run the same SQL.
#
#   bench/genreal.sh N OUTDIR [FAIL_EVERY]
#
# FAIL_EVERY k (default 0: none): every k-th control's statement fails on its data (it casts an
# account's alias, 'acct-1', to int: "invalid input syntax for type integer"), in the mod and in
# controls.sql alike, as controls fail on a real account (permissions, disabled services).
# OUTDIR/schema.sql: schema realbench, four tables with jsonb columns as Steampipe's plugins give
# them (buckets with tags, policy and versioning documents; roles with their attached policies as
# a jsonb array; instances with tags and security groups; accounts with settings), deterministic
# data (500 buckets, 600 roles, 800 instances, 20 accounts), analyzed.
# OUTDIR/mod.pp + sections/s_NNN.pp: benchmark "all" of N controls in sections of 100, each control
# `query = query.q_NNNNN` with args (as the compliance mods write them), the query with params (a
# text and a number, one with a default); four statement families in turn: a join of buckets and
# accounts filtering on a jsonb key (`?`), roles expanded with jsonb_array_elements, instances
# matched with jsonb containment (`@>`), an aggregate over a join; 0 to 50 rows each, statuses ok,
# info or skip (an alarm would make the exit status non-zero).
# OUTDIR/controls.sql: the N statements in the run's order with the args written in as literals
# (what `psql -f` runs).
# Deterministic: the same N gives the same bytes.  OUTDIR is emptied first.
set -eu
N=${1:?usage: genreal.sh N OUTDIR}
OUT=${2:?usage: genreal.sh N OUTDIR [FAIL_EVERY]}
FAIL_EVERY=${3:-0}
case "$OUT" in build/*|*/build/*) ;; *) echo "genreal: OUTDIR must be under a build folder" >&2; exit 2;; esac
rm -rf "$OUT"
mkdir -p "$OUT/sections"
cat > "$OUT/schema.sql" <<'EOF'
drop schema if exists realbench cascade;
create schema realbench;
create table realbench.account as
  select lpad(a::text, 12, '0') as account_id, 'acct-' || a as alias,
         jsonb_build_object('mfa', a % 3 <> 0,
                            'regions', jsonb_build_array('us-east-1', 'eu-west-' || a % 3)) as settings
  from generate_series(1, 20) a;
create table realbench.bucket as
  select b as id, 'arn:aws:s3:::bucket-' || b as arn, 'bucket-' || b as name,
         (array['us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1'])[1 + b % 4] as region,
         lpad((1 + b % 20)::text, 12, '0') as account_id,
         jsonb_strip_nulls(jsonb_build_object('env', case when b % 3 = 0 then 'prod' else 'dev' end,
                           'owner', case when b % 5 <> 0 then 'team-' || b % 7 end,
                           'cost', case when b % 2 = 0 then 'cc-' || b % 11 end)) as tags,
         jsonb_build_object('Version', '2012-10-17', 'Statement', jsonb_build_array(
           jsonb_build_object('Effect', case when b % 9 = 0 then 'Deny' else 'Allow' end,
                              'Principal', case when b % 13 = 0 then '"*"'::jsonb
                                                else jsonb_build_object('AWS', 'arn:aws:iam::1:root') end,
                              'Action', 's3:GetObject'))) as policy,
         jsonb_build_object('status', case when b % 4 = 0 then 'Suspended' else 'Enabled' end,
                            'mfa_delete', b % 6 = 0) as versioning
  from generate_series(1, 500) b;
create table realbench.role as
  select r as id, 'arn:aws:iam::' || lpad((1 + r % 20)::text, 12, '0') || ':role/role-' || r as arn,
         'role-' || r as name, lpad((1 + r % 20)::text, 12, '0') as account_id,
         (select jsonb_agg('arn:aws:iam::aws:policy/P' || ((r * k) % 37))
            from generate_series(1, 1 + r % 4) k)
           as attached,
         jsonb_build_object('Statement', jsonb_build_array(jsonb_build_object('Principal',
           jsonb_build_object('Service', case when r % 2 = 0 then 'ec2.amazonaws.com'
                                              else 'lambda.amazonaws.com' end))))
           as assume_policy
  from generate_series(1, 600) r;
create table realbench.instance as
  select i as id, 'i-' || lpad(to_hex(i * 7919), 8, '0') as instance_id,
         (array['us-east-1', 'us-west-2', 'eu-west-1', 'ap-south-1'])[1 + i % 4] as region,
         lpad((1 + i % 20)::text, 12, '0') as account_id,
         (array['running', 'stopped', 'terminated'])[1 + i % 3] as state,
         jsonb_build_object('env', case when i % 3 = 0 then 'prod' else 'dev' end,
                            'app', 'app-' || i % 50) as tags,
         (select jsonb_agg(jsonb_build_object('GroupId', 'sg-' || ((i + k) % 60), 'open', (i + k) % 10 = 0))
            from generate_series(1, 1 + i % 3) k) as security_groups
  from generate_series(1, 800) i;
create index on realbench.bucket (account_id);
create index on realbench.role (account_id);
analyze realbench.account, realbench.bucket, realbench.role, realbench.instance;
EOF
awk -v n="$N" -v out="$OUT" -v fail_every="$FAIL_EVERY" 'BEGIN {
    per = 100
    nsec = int((n + per - 1) / per)
    mod = out "/mod.pp"
    printf "mod \"real_bench\" {\n  title = \"Real-shaped run bench (%d controls)\"\n}\n\n", n > mod
    printf "benchmark \"all\" {\n  title    = \"All controls\"\n  children = [\n" > mod
    for (s = 1; s <= nsec; s++)
        printf "    benchmark.s_%03d%s\n", s, s < nsec ? "," : "" > mod
    printf "  ]\n}\n" > mod
    close(mod)
    sql = out "/controls.sql"
    split("env owner cost", keys, " ")
    for (s = 1; s <= nsec; s++) {
        f = sprintf("%s/sections/s_%03d.pp", out, s)
        lo = (s - 1) * per + 1
        hi = s * per; if (hi > n) hi = n
        printf "benchmark \"s_%03d\" {\n  title    = \"Section %d\"\n  children = [\n", s, s > f
        for (i = lo; i <= hi; i++)
            printf "    control.c_%05d%s\n", i, i < hi ? "," : "" > f
        printf "  ]\n}\n" > f
        for (i = lo; i <= hi; i++) {
            fam = i % 4
            key = keys[1 + int(i / 4) % 3]
            num = i % 50
            if (fam == 0) {
                q = "select b.arn as resource,\n" \
                    "  case when b.versioning ->> '\''status'\'' = '\''Enabled'\'' " \
                    "then '\''ok'\'' else '\''info'\'' end as status,\n" \
                    "  b.name || '\'' versioning is '\'' || (b.versioning ->> '\''status'\'') as reason,\n" \
                    "  b.region, b.account_id, a.alias as account_alias\n" \
                    "from realbench.bucket b join realbench.account a on a.account_id = b.account_id\n" \
                    "where b.tags ? $1 and b.id % 50 = $2::int"
            } else if (fam == 1) {
                q = "select r.arn as resource,\n" \
                    "  case when p.value #>> '\''{}'\'' like '\''%P1_'\'' " \
                    "then '\''info'\'' else '\''ok'\'' end as status,\n" \
                    "  r.name || '\'' has '\'' || (p.value #>> '\''{}'\'') as reason, r.account_id\n" \
                    "from realbench.role r, jsonb_array_elements(r.attached) p\n" \
                    "where r.id % 100 = $2::int and r.assume_policy::text like '\''%'\'' || $1 || '\''%'\''"
            } else if (fam == 2) {
                q = "select i.instance_id as resource,\n" \
                    "  case when i.state = '\''running'\'' then '\''ok'\'' " \
                    "when i.state = '\''stopped'\'' then '\''info'\''\n" \
                    "       else '\''skip'\'' end as status,\n" \
                    "  i.instance_id || '\'' is '\'' || i.state as reason, i.region, i.account_id\n" \
                    "from realbench.instance i\n" \
                    "where i.security_groups @> jsonb_build_array(" \
                    "jsonb_build_object('\''GroupId'\'', '\''sg-'\'' || $2::int))\n" \
                    "  and i.tags ->> '\''env'\'' = $1"
            } else {
                q = "select a.account_id as resource,\n" \
                    "  case when count(b.id) > $2::int then '\''info'\'' else '\''ok'\'' end as status,\n" \
                    "  a.alias || '\'' has '\'' || count(b.id) " \
                    "|| '\'' buckets tagged '\'' || $1 as reason,\n" \
                    "  a.settings -> '\''regions'\'' ->> 0 as region\n" \
                    "from realbench.account a left join realbench.bucket b " \
                    "on b.account_id = a.account_id and b.tags ? $1\n" \
                    "group by a.account_id, a.alias, a.settings order by a.account_id"
            }
            # a one-time filter: the cast fails before any row is read, whatever the family
            if (fail_every > 0 && i % fail_every == 0)
                q = "select * from (\n" q "\n) as failing\n" \
                    "where (select alias from realbench.account order by account_id limit 1)::int >= 0"
            # the env family binds the tag value, the others the key
            arg = fam == 2 ? (i % 3 == 0 ? "prod" : "dev") : fam == 1 ? (i % 2 == 0 ? "ec2" : "lambda") : key
            printf "\ncontrol \"c_%05d\" {\n  title = \"Control %d\"\n  query = query.q_%05d\n" \
                   "  args = {\n    tag = \"%s\"\n    n   = %d\n  }\n}\n", i, i, i, arg, num > f
            printf "\nquery \"q_%05d\" {\n  sql = <<-EOQ\n%s\n  EOQ\n\n  param \"tag\" {\n" \
                   "    default = \"env\"\n  }\n\n  param \"n\" {}\n}\n", i, q > f
            p = q
            gsub(/\$1/, "'\''" arg "'\''", p)
            gsub(/\$2::int/, num, p)
            print p ";" > sql
        }
        close(f)
    }
}'
