-- Made-up rows for a few of aws_insights' dashboards (make screenshot-pairs): the columns their
-- queries read, in schema lp_fake_aws (the server's search_path names it), nothing real.
drop schema if exists lp_fake_aws cascade;
create schema lp_fake_aws;
set search_path = lp_fake_aws;
create table aws_account (account_id text, title text);
insert into aws_account values ('111111111111', 'prod'), ('222222222222', 'dev');
create table aws_acm_certificate (arn text, title text, domain_name text, account_id text, region text,
  type text, status text, revoked_at timestamptz, renewal_eligibility text, not_after timestamptz,
  certificate_transparency_logging_preference text, created_at timestamptz, tags jsonb);
insert into aws_acm_certificate
select 'arn:aws:acm:us-east-1:111111111111:certificate/' || i, 'cert-' || i, 'site' || i || '.example.com',
  case when i % 3 = 0 then '222222222222' else '111111111111' end,
  (array['us-east-1', 'eu-west-1', 'ap-south-1'])[1 + i % 3],
  case when i % 4 = 0 then 'IMPORTED' else 'AMAZON_ISSUED' end, 'ISSUED',
  case when i = 5 then now() - interval '3 days' end,
  case when i % 5 = 0 then 'INELIGIBLE' else 'ELIGIBLE' end,
  now() + (i * 40 - 100) * interval '1 day',
  case when i % 6 = 0 then 'DISABLED' else 'ENABLED' end,
  now() - i * interval '25 days', '{"env": "prod"}'
from generate_series(1, 14) as i;
create table aws_iam_group (arn text, name text, title text, path text, account_id text, users jsonb,
  inline_policies jsonb, create_date timestamptz, group_id text, attached_policy_arns jsonb,
  inline_policies_std jsonb, partition text default 'aws');
insert into aws_iam_group
select 'arn:aws:iam::111111111111:group/g' || i, 'g' || i, 'group-' || i,
  case when i % 2 = 0 then '/' else '/admins/' end,
  case when i % 3 = 0 then '222222222222' else '111111111111' end,
  case when i % 4 = 0 then null else (select jsonb_agg(jsonb_build_object('UserName', 'u' || k,
    'Arn', 'arn:aws:iam::111111111111:user/u' || k, 'UserId', 'AIDA' || k))
    from generate_series(1, 1 + i % 5) as k) end,
  case when i % 3 = 0 then '[{"PolicyName": "p"}]'::jsonb else '[]'::jsonb end,
  now() - i * interval '40 days', 'AGPA' || i,
  '["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111111111111:policy/deploy"]'::jsonb,
  case when i % 2 = 1 then '[{"PolicyName": "inline-admin"}]'::jsonb else '[]'::jsonb end
from generate_series(1, 9) as i;
-- the users and policies the groups' relationship graphs draw (aws_iam_group_detail)
create table aws_iam_user (arn text, name text, path text, create_date timestamptz, mfa_enabled boolean,
  account_id text);
insert into aws_iam_user
select 'arn:aws:iam::111111111111:user/u' || k, 'u' || k, '/', now() - k * interval '30 days', k % 2 = 0,
  '111111111111'
from generate_series(1, 5) as k;
create table aws_iam_policy (arn text, name text, is_aws_managed boolean, is_attached boolean,
  create_date timestamptz, account_id text);
insert into aws_iam_policy values
  ('arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess', true, true, now() - interval '900 days',
   'aws'),
  ('arn:aws:iam::111111111111:policy/deploy', 'deploy', false, true, now() - interval '90 days',
   '111111111111');
create table aws_codecommit_repository (arn text, repository_name text, title text, account_id text,
  region text, tags jsonb, creation_date timestamptz, last_modified_date timestamptz, default_branch text);
insert into aws_codecommit_repository
select 'arn:aws:codecommit:us-east-1:111111111111:repo' || i, 'repo' || i, 'repo' || i,
  case when i % 2 = 0 then '222222222222' else '111111111111' end,
  (array['us-east-1', 'eu-west-1'])[1 + i % 2],
  case when i % 3 = 0 then null else '{"team": "a"}'::jsonb end,
  now() - i * interval '50 days', now() - i * interval '5 days', 'main'
from generate_series(1, 7) as i;
create table aws_cost_by_service_usage_type_monthly (service text, usage_type text, account_id text,
  period_start timestamptz, period_end timestamptz, unblended_cost_amount double precision);
insert into aws_cost_by_service_usage_type_monthly
select s, 'usage', '111111111111', date_trunc('month', now()) - m * interval '1 month',
  least(now(), date_trunc('month', now()) - (m - 1) * interval '1 month'), 10 + m * 3
from unnest(array['AWS CodeCommit', 'AWS Certificate Manager', 'AWS Identity and Access Management']) as s,
  generate_series(0, 5) as m;
