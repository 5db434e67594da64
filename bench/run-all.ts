/**
 * `npm run bench`: the kernel hold benchmark, then the targets of issue 14, each figure printed
 * beside the reference it is judged against, measured in the same run, and a PASS/FAIL table.
 * Benchmarks are not tests: nothing here fails a build, and no test asserts on time.
 *
 * 1. The kernel hold benchmark with its references (`runKernelBench` of bench/kernel-hold.ts).
 * 2. (a) Throughput: one simulated day at 50 mails/s, no faults, the whole `hasim run` process,
 *    against SimPy (≥ 30×) and the `ev2` floor (≥ 1.5×), with kw / kwfull / ev / C for context.
 * 3. (b) A year of faults at 50 mails/s, 200 replications × 3 policies, `engine.mail: episodes`,
 *    `--jobs 2` (< 10 minutes), and one replication on the default exact engine, projected.
 * 4. (c) Peak RSS of 30 days at 50/s on the default engine (< 100 MiB).
 * 5. (d) Start-up: `hasim --version` ≤ 2.5× and a one-second scenario ≤ 4× the CPU time of
 *    `node -e 0`.
 *
 * `--quick` (about 5 minutes): one run per program instead of 3, 10 replications of the year
 * study instead of 200 (projected), the exact replication over 3 days instead of 30 (both
 * projected to a year), 5 start-up pairs instead of 15, SimPy over 600 s.
 * `--no-kernel` skips item 1 (`npm run bench:kernel` runs it alone).
 * `--cli PATH` times another build's `dist/src/cli/main.js` (a before/after comparison).
 *
 * Run: `npm run build && npm run bench` (or `node dist/bench/run-all.js --quick`).
 *
 * @module
 */
import { CORES, loadNote, mib, printTable, rate, ratio, verdict } from "./common.js";
import { CLI } from "./hasim-cli.js";
import { runKernelBench } from "./kernel-hold.js";
import { measureMemory, MEMORY_DAYS } from "./memory.js";
import { HAVE_GNU_TIME } from "./process-time.js";
import { measureStartup } from "./startup.js";
import { measureThroughput, type ThroughputRow } from "./throughput.js";
import { measureEpisodesStudy, measureExactReplication, STUDY_JOBS } from "./year-study.js";

const quick = process.argv.includes("--quick");
/** `--no-kernel`: the issue-14 targets only (the kernel has `npm run bench:kernel`). */
const noKernel = process.argv.includes("--no-kernel");
const REPEATS = quick ? 1 : 3;
const SIMPY_S = quick ? 600 : 7200;
const STUDY_REPLICATIONS = 200;
const STUDY_MEASURED = quick ? 10 : STUDY_REPLICATIONS;
const EXACT_DAYS = quick ? 3 : 30;
const STARTUP_PAIRS = quick ? 5 : 15;
const MIB = 2 ** 20;

/** A target line of the closing table; `ok` null when it could not be judged. */
interface Target {
  readonly what: string;
  readonly measured: string;
  readonly reference: string;
  readonly ratio: string;
  readonly ok: boolean | null;
}
const targets: Target[] = [];

function heading(title: string): void {
  console.log(`\n## ${title}\n${loadNote()}\n`);
}

const seconds = (s: number): string =>
  s >= 90 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(2)} s`;

function throughputRow(r: ThroughputRow, hasim: ThroughputRow): string[] {
  return [
    r.name,
    `${(r.mails / 1e6).toFixed(2)} M`,
    Number.isNaN(r.cpuSec) ? "-" : `${r.cpuSec.toFixed(2)} s`,
    `${r.wallSec.toFixed(2)} s`,
    rate(r.mailsPerCpuSec),
    r.latencyMeanS === null ? "-" : `${r.latencyMeanS.toFixed(4)} s`,
    ratio(hasim.mailsPerCpuSec, r.mailsPerCpuSec),
  ];
}

function sectionThroughput(): void {
  heading(`(a) Throughput: baseline, 50 mails/s, 1 simulated day, 1 replication, policy off`);
  const t = measureThroughput(REPEATS, SIMPY_S);
  const rows = [t.hasim, ...t.floors, ...(t.simpy === null ? [] : [t.simpy])];
  printTable(
    [
      "program (whole process)",
      "mails",
      "CPU",
      "wall",
      "mails/CPU s",
      "mean latency",
      "hasim ÷ this",
    ],
    rows.map((r) => throughputRow(r, t.hasim)),
  );
  console.log(
    `(median of ${REPEATS}; the floors use their 'fast' generator; SimPy: the CPU time of its simulation alone)`,
  );
  for (const n of t.notes) console.log(n);
  const h = t.hasim.mailsPerCpuSec;
  for (const [ref, bar, label] of [
    [t.simpy, 30, "SimPy"],
    [t.ev2, 1.5, "the ev2 floor"],
  ] as const) {
    targets.push({
      what: `(a) throughput ≥ ${bar}× ${label}`,
      measured: rate(h),
      reference: ref === null ? "not run" : rate(ref.mailsPerCpuSec),
      ratio: ref === null ? "n/a" : ratio(h, ref.mailsPerCpuSec),
      ok: ref === null ? null : h >= bar * ref.mailsPerCpuSec,
    });
  }
}

function sectionYear(): void {
  heading(
    `(b) A year of faults at 50 mails/s, ${STUDY_REPLICATIONS} replications × 3 policies, --jobs ${STUDY_JOBS}`,
  );
  const study = measureEpisodesStudy(STUDY_MEASURED, STUDY_REPLICATIONS);
  const exact = measureExactReplication(EXACT_DAYS, STUDY_REPLICATIONS);
  if ("unavailable" in study) {
    console.log(`engine.mail: episodes: engine not available (${study.unavailable})`);
  } else {
    const scaled = study.replications === STUDY_REPLICATIONS ? "" : " (projected)";
    console.log(
      `episodes engine: ${study.replications} replications × 3 in ${seconds(study.wallSec)} wall, ${seconds(study.cpuSec)} CPU; ` +
        `${STUDY_REPLICATIONS} replications: ${seconds(study.projectedWallSec)}${scaled}`,
    );
  }
  console.log(
    `default (exact) engine: one replication (restore) of ${exact.days} days, ${(exact.mails / 1e6).toFixed(1)} M mails: ${seconds(exact.cpuSec)} CPU, peak ${mib(exact.maxRssBytes)}; ` +
      `a year: ${seconds(exact.yearCpuSec)} CPU per replication (projected); the study on ${STUDY_JOBS} cores: ${seconds(exact.studyWallSec)} (projected)`,
  );
  // Judged only when the whole study ran: a projection from 10 replications is a hint.
  const ok =
    "unavailable" in study || study.replications < STUDY_REPLICATIONS ? null : study.wallSec < 600;
  targets.push({
    what: `(b) year of faults, ${STUDY_REPLICATIONS} × 3, episodes, --jobs ${STUDY_JOBS} < 10 min`,
    measured: "unavailable" in study ? "engine not available" : seconds(study.projectedWallSec),
    reference: `exact engine: ${seconds(exact.studyWallSec)} (projected)`,
    ratio: "unavailable" in study ? "n/a" : ratio(exact.studyWallSec, study.projectedWallSec),
    ok,
  });
}

function sectionMemory(): void {
  heading(`(c) Peak RSS: baseline, 50 mails/s, ${MEMORY_DAYS} simulated days, default engine`);
  const runs = measureMemory();
  printTable(
    ["hasim run (whole process)", "mails", "CPU", "peak RSS"],
    runs.map((r) => [
      `--horizon ${r.horizon}`,
      `${(r.mails / 1e6).toFixed(2)} M`,
      `${r.cpuSec.toFixed(2)} s`,
      mib(r.maxRssBytes),
    ]),
  );
  const [small, big] = runs;
  targets.push({
    what: `(c) peak RSS, ${MEMORY_DAYS} days at 50/s < 100 MiB`,
    measured: mib(big.maxRssBytes),
    reference: `one minute: ${mib(small.maxRssBytes)}`,
    ratio: ratio(big.maxRssBytes, 100 * MIB),
    ok: HAVE_GNU_TIME ? big.maxRssBytes < 100 * MIB : null,
  });
}

function sectionStartup(): void {
  heading(
    `(d) Start-up: CPU time (user + system) against node -e 0, ${STARTUP_PAIRS} pairs in turn`,
  );
  const s = measureStartup(STARTUP_PAIRS);
  const lines = [
    ["hasim --version", s.version, 2.5],
    ["hasim run baseline --horizon 1s --replications 1 (3 policies)", s.oneSecond, 4],
  ] as const;
  printTable(
    ["command", "CPU (median)", "node -e 0", "ratio (median of pairs)", "range"],
    lines.map(([what, p]) => [
      what,
      `${(p.cpuSec * 1e3).toFixed(0)} ms`,
      `${(p.refCpuSec * 1e3).toFixed(0)} ms`,
      `${p.cpuRatio.toFixed(2)}×`,
      `${p.ratioMin.toFixed(2)}–${p.ratioMax.toFixed(2)}×`,
    ]),
  );
  for (const [what, p, bar] of lines) {
    targets.push({
      what: `(d) ${what.split(" (")[0]} ≤ ${bar}× node -e 0`,
      measured: `${(p.cpuSec * 1e3).toFixed(0)} ms`,
      reference: `${(p.refCpuSec * 1e3).toFixed(0)} ms`,
      ratio: `${p.cpuRatio.toFixed(2)}×`,
      ok: HAVE_GNU_TIME ? p.cpuRatio <= bar : null,
    });
  }
}

function main(): void {
  console.log(`# hasim benchmarks${quick ? " (--quick)" : ""}`);
  console.log(`node ${process.version}, ${CORES} cores, ${new Date().toISOString()}, CLI ${CLI}`);
  if (!HAVE_GNU_TIME)
    console.log(
      "/usr/bin/time not found (Debian: apt-get install time): CPU and RSS figures are n/a",
    );
  if (!noKernel) {
    heading("Kernel hold benchmark (bench/kernel-hold.ts; events/s, higher is better)");
    runKernelBench({
      quick,
      log: (line) => {
        console.log(line);
      },
    });
  }
  sectionThroughput();
  sectionYear();
  sectionMemory();
  sectionStartup();
  heading("Targets (issue 14), measured in this run");
  printTable(
    ["target", "measured", "reference", "ratio", ""],
    targets.map((t) => [
      t.what,
      t.measured,
      t.reference,
      t.ratio,
      t.ok === null ? "n/a" : verdict(t.ok),
    ]),
  );
  if (quick) console.log("(--quick: projected figures are not judged PASS; n/a = not judged)");
}

main();
