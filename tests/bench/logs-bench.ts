/**
 * `npm run bench:logs`: generates a 1 GB log in the temp folder, then prints the time to the
 * newest 1,000 lines, literal and regex search throughput next to GNU grep, follow latency at
 * 20,000 appended lines/s, the merged timeline of three 300 MB logs opened at the end, and the
 * peak RSS. Sizes: `BENCH_LOG_BYTES`, `BENCH_TIMELINE_BYTES` (each of the three). The files are
 * deleted afterwards. Figures, not assertions.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogService } from '../../main/logs/service';
import { timelineTail } from '../../main/logs/timeline';

const SIZE = Number(process.env.BENCH_LOG_BYTES ?? 1024 ** 3);
const TIMELINE_SIZE = Number(process.env.BENCH_TIMELINE_BYTES ?? 300 * 1024 ** 2);
const PATTERN = String.raw`secretId=4242\b`;
const LITERAL = 'secretId=4242';
const RATE = 20_000;
const FOLLOW_SECONDS = 5;

const levels = ['INF', 'INF', 'INF', 'DBG', 'WRN', 'ERR'];
const messages = [
  'SecretChanged received for secretId=',
  'Fetched secret from Secret Server in 42 ms, secretId=',
  'Cache updated for secretId=',
  'Token refreshed for application account; next refresh in 600 s; request id 7f3c',
];

function generate(path: string, size = SIZE, shiftMs = 0): number {
  const fd = openSync(path, 'w');
  let written = 0;
  let i = 0;
  const t0 = Date.UTC(2025, 0, 1) + shiftMs;
  while (written < size) {
    const parts: string[] = [];
    let ts = '';
    for (let k = 0; k < 50_000; k += 1, i += 1) {
      // One timestamp per 100 lines keeps generating 1 GB to seconds.
      if (k % 100 === 0) ts = new Date(t0 + i * 5).toISOString().replace('T', ' ').replace('Z', ' +00:00');
      const m = messages[i % messages.length]!;
      parts.push(`${ts} [${levels[i % levels.length]}] ${m}${m.endsWith('=') ? (i * 7919) % 100_000 : ''}\n`);
      if (i % 10_000 === 9_999)
        parts.push('System.Net.Http.HttpRequestException: 503 (Service Unavailable)\n   at Cache.Client.GetSecret(Int32 id)\n');
    }
    const buf = Buffer.from(parts.join(''));
    writeSync(fd, buf);
    written += buf.length;
  }
  closeSync(fd);
  return i;
}

const mb = (b: number) => b / 1024 / 1024;
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function followLatency(svc: LogService, path: string): Promise<{ p50: number; p99: number; lines: number }> {
  const latencies: number[] = [];
  const tail = await svc.tail(path, 1);
  const followId = svc.follow(path, tail.end, tail.fileId, (e) => {
    const now = Date.now();
    for (const entry of e.entries) {
      const m = /sent=(\d+)/.exec(entry.text);
      if (m) latencies.push(now - Number(m[1]));
    }
  });
  // Another process appends 20,000 lines/s in 10 ms batches, as a busy writer would.
  const writer = String.raw`
    const fs = require('node:fs');
    const [file, rate, secs] = process.argv.slice(1).map((v, i) => (i ? Number(v) : v));
    const perTick = rate / 100; let ticks = 0; const start = Date.now();
    const fd = fs.openSync(file, 'a');
    (function tick() {
      const now = Date.now(); let s = '';
      for (let i = 0; i < perTick; i++) s += new Date(now).toISOString().replace('T',' ').replace('Z',' +00:00') + ' [INF] follow bench line sent=' + now + '\n';
      fs.writeSync(fd, s);
      ticks++;
      if (now - start < secs * 1000) setTimeout(tick, Math.max(0, start + ticks * 10 - Date.now()));
      else fs.closeSync(fd);
    })();`;
  const child = spawn(process.execPath, ['-e', writer, path, String(RATE), String(FOLLOW_SECONDS)], { stdio: 'inherit' });
  await new Promise((r) => child.once('exit', r));
  const expected = RATE * FOLLOW_SECONDS;
  const deadline = Date.now() + 10_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await svc.unfollow(followId);
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), lines: latencies.length };
}

/** Three logs written over the same hours, merged and opened at the end in a fresh service. */
async function timelineFigure(dir: string): Promise<void> {
  const g0 = performance.now();
  const sources = ['cache-a', 'cache-b', 'engine'].map((id, k) => {
    const file = join(dir, `${id}.log`);
    generate(file, TIMELINE_SIZE, k);
    return { id, input: file };
  });
  const each = mb(statSync(sources[0]!.input).size);
  console.log(`generated 3 × ${each.toFixed(0)} MB for the timeline in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  const svc = new LogService();
  const t0 = performance.now();
  const page = await timelineTail(svc, sources, 1000);
  const ms = performance.now() - t0;
  const w0 = performance.now();
  const again = await timelineTail(svc, sources, 1000);
  const warm = performance.now() - w0;
  console.log(
    `merged timeline 3 × ${each.toFixed(0)} MB: ${ms.toFixed(1)} ms to the newest 1,000 entries, ${warm.toFixed(1)} ms again (${page.entries.length}/${again.entries.length} entries from ${new Set(page.entries.map((e) => e.source)).size} sources; aim < 300 ms at 3 × 300 MB)`,
  );
  await svc.close();
  for (const s of sources) rmSync(s.input, { force: true });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'logs-bench-'));
  const path = join(dir, 'credcache-20250101.log');
  try {
    const g0 = performance.now();
    const lines = generate(path);
    const size = statSync(path).size;
    console.log(
      `generated ${mb(size).toFixed(0)} MB, ${lines.toLocaleString()} entries in ${((performance.now() - g0) / 1000).toFixed(1)} s: ${path}`,
    );

    const svc = new LogService();
    const t0 = performance.now();
    const page = await svc.tail(path, 1000);
    const tailMs = performance.now() - t0;
    const w0 = performance.now();
    await svc.tail(path, 1000);
    const warmMs = performance.now() - w0;
    console.log(
      `last 1,000 lines:        ${tailMs.toFixed(1)} ms first call in a cold process, ${warmMs.toFixed(1)} ms again (${page.entries.length} entries; aim < 150 ms)`,
    );

    const i0 = performance.now();
    const idx = await svc.index(path);
    console.log(
      `sparse line index:       ${((performance.now() - i0) / 1000).toFixed(2)} s for ${idx.lines.toLocaleString()} lines, ${idx.checkpoints} checkpoints`,
    );

    const h0 = performance.now();
    const hist = await svc.histogram([path], 1);
    console.log(
      `time histogram:          ${(performance.now() - h0).toFixed(1)} ms from the index (${hist.buckets.length.toLocaleString()} one-minute buckets, ${hist.entries.toLocaleString()} entries)`,
    );

    // Search runs on worker threads (one range per core, lines counted in the workers).
    for (const [label, pattern, regex] of [
      ['literal', LITERAL, false],
      ['regex', PATTERN, true],
    ] as const) {
      const s0 = performance.now();
      const found = await svc.search({ paths: [path], pattern, regex, caseSensitive: true, maxHits: 1000 });
      const ours = mb(size) / ((performance.now() - s0) / 1000);
      const g = performance.now();
      const grep = spawnSync('grep', ['-c', regex ? '-E' : '-F', pattern, path], { encoding: 'utf8' });
      const grepRate = mb(size) / ((performance.now() - g) / 1000);
      const grepCount = Number(grep.stdout.trim());
      console.log(
        `${label} search ${regex ? `/${pattern}/` : `"${pattern}"`}: ${ours.toFixed(0)} MB/s (${found.matches} lines) vs grep -c ${grepRate.toFixed(0)} MB/s (${grepCount} lines): grep ratio ${(ours / grepRate).toFixed(2)}× (aim ≥ 1.0×)`,
      );
      if (grepCount !== found.matches) console.log(`  ! match counts differ: ours ${found.matches}, grep ${grepCount}`);
    }

    const f = await followLatency(svc, path);
    console.log(
      `follow at ${RATE.toLocaleString()} lines/s:  p50 ${f.p50} ms, p99 ${f.p99} ms over ${f.lines.toLocaleString()} lines (aim p99 < 300 ms)`,
    );
    await svc.close();
    await timelineFigure(dir);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`peak RSS:                ${rss.toFixed(0)} MB (aim < 250 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
