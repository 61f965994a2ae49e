-- demo.sql: the SQLite database `make demo` runs the sample mod against (build/demo.db), shaped like
-- the Steampipe table its queries read.  Kept as SQL, not as a binary database file.
create table aws_s3_bucket (
    name text primary key,
    region text not null,
    versioning_enabled boolean not null,
    bucket_policy_is_public boolean not null
);
insert into aws_s3_bucket values
    ('logs-archive', 'us-east-1', true, false),
    ('website-assets', 'us-east-1', false, true),
    ('backups-eu', 'eu-west-1', true, false),
    ('scratch', 'us-west-2', false, false);
