// bench/first_open.js — a first `lazypipe dashboard list` (no image yet) as a user meets it:
// the time to its answer (the last byte of its output) and to its exit, against a process that
// reads every input (build/bench/statfloor --read: the floor of any first open), `--no-index-cache`
// (nothing persisted) and a reopen from the image, alternated round by round in one run.
// The image of a first open is written after the command's output (cli_close, lp_save_image): the
// answer should not wait for it, the exit does.
//
//   node bench/first_open.js [MOD] [ROUNDS]     (default ../shared/corpus/aws_compliance, 21)
//   CLI   the binary measured (default build/lazypipe)
//   BASE  another lazypipe binary (e.g. main's) whose --no-index-cache and first open run in the same
//         rounds, optional
//   RSS=1 also each process's peak RSS (median MiB): every scene runs under /usr/bin/time -f %M
//         (its fork and exec, ~1 ms, in every scene's times alike)
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const mod = process.argv[2] || '../shared/corpus/aws_compliance';
const rounds = Number(process.argv[3] || 21);
const cli = process.env.CLI || 'build/lazypipe';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-first-'));
const base = process.env.BASE || '';
const cache = path.join(tmp, 'cache');
const base_cache = path.join(tmp, 'cache-base');
const rss = process.env.RSS === '1';
const rss_file = path.join(tmp, 'rss');
const list = path.join(tmp, 'inputs.lst');
fs.writeFileSync(list, execFileSync('build/bench/lpbench', ['inputs', mod]));

function timed(argv) {
  if (rss) argv = ['/usr/bin/time', '-f', '%M', '-o', rss_file, ...argv];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let last = t0, bytes = 0;
    const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => { bytes += d.length; last = process.hrtime.bigint(); });
    p.on('exit', (code) => {
      const end = process.hrtime.bigint();
      if (code !== 0) reject(new Error(`${argv.join(' ')}: exit ${code}`));
      const ms = (t) => Number(t - t0) / 1e6;
      const kib = rss ? Number(fs.readFileSync(rss_file, 'utf8').trim().split('\n').pop()) : 0;
      resolve({ answer: bytes ? ms(last) : ms(end), exit: ms(end), bytes, rss: kib / 1024 });
    });
  });
}

const list_cmd = (extra, bin = cli) => [bin, '--mod-location', mod, ...extra, 'dashboard', 'list'];
const scenes = [
  ['read floor (statfloor --read)', () => ['build/bench/statfloor', '--read', list]],
  ['--no-index-cache', () => list_cmd(['--no-index-cache'])],
  ['first open (writes the image)', () => {
    fs.rmSync(cache, { recursive: true, force: true });
    return list_cmd(['--index-cache', cache]);
  }],
  // (run once untimed first: it waits for the first open's writer, so the timed run is a reopen)
  ['reopen from the image', () => {
    const argv = list_cmd(['--index-cache', cache]);
    execFileSync(argv[0], argv.slice(1), { stdio: 'ignore' });
    return argv;
  }],
];
if (base) {
  scenes.push(['BASE --no-index-cache', () => list_cmd(['--no-index-cache'], base)]);
  scenes.push(['BASE first open (writes the image)', () => {
    fs.rmSync(base_cache, { recursive: true, force: true });
    return list_cmd(['--index-cache', base_cache], base);
  }]);
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };

(async () => {
  const got = scenes.map(() => ({ answer: [], exit: [], rss: [] }));
  for (let r = 0; r < rounds + 3; r++) {
    for (let i = 0; i < scenes.length; i++) {
      const t = await timed(scenes[i][1]());
      if (r >= 3) {   // 3 warm-up rounds
        got[i].answer.push(t.answer);
        got[i].exit.push(t.exit);
        got[i].rss.push(t.rss);
      }
    }
  }
  const floor = median(got[0].exit), nocache = median(got[1].answer);
  console.log(`${mod}, ${rounds} rounds, load ${os.loadavg()[0].toFixed(1)}; ` +
              `CLI ${cli}${base ? `, BASE ${base}` : ''}`);
  const reopen_rss = median(got[3].rss);
  console.log('| process | answer ms (median) | exit ms (median) | answer / read floor | ' +
              `answer / --no-index-cache |${rss ? ' peak RSS MiB (median) | / the reopen\'s |' : ''}`);
  console.log(`|---|---|---|---|---|${rss ? '---|---|' : ''}`);
  scenes.forEach(([label], i) => {
    const a = median(got[i].answer), e = median(got[i].exit), m = median(got[i].rss);
    console.log(`| ${label} | ${a.toFixed(1)} | ${e.toFixed(1)} | ${(a / floor).toFixed(2)}x | ` +
                `${(a / nocache).toFixed(2)}x |` +
                (rss ? ` ${m.toFixed(1)} | ${(m / reopen_rss).toFixed(2)}x |` : ''));
  });
  fs.rmSync(tmp, { recursive: true, force: true });
})().catch((e) => { console.error(e.message); process.exit(1); });
