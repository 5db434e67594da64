/**
 * `npm run bench`: every end-to-end benchmark in one run, each figure printed beside the
 * reference it is judged against, measured in the same run, then the targets of issue 7 with
 * PASS/FAIL. Benchmarks are not tests: nothing here fails a build, and no test asserts on time.
 *
 * 1. The kernel hold benchmark with its references (`runKernelBench` of bench/kernel-hold.ts).
 * 2. Mail throughput: `baseline` at 50 mails/s for 7 simulated days (about 30 M mails), one
 *    replication, one thread, in a child process per variant (closed-form heartbeats, simulated
 *    heartbeats, every monitor on); whole-process mails/s, kernel events/s, peak RSS; the kernel
 *    hold at the model's pending-set size; 100 M mails for the memory target.
 * 3. Fault study: `year-of-faults`, replications × 3 policies through the built CLI with
 *    `--jobs 1` and `--jobs` = cores, and the speed-up.
 * 4. The same no-fault mail model in SimPy 2 (bench/simpy_mail.py), and the ratio.
 *
 * `--quick`: 1 simulated day instead of 7, 20 replications instead of 200, shorter references,
 * and the 100 M-mail memory figure projected instead of measured.
 *
 * Run: `npm run build && npm run bench` (or `node dist/bench/run-all.js --quick`).
 *
 * @module
 */
import {
  CORES,
  findSimPy2,
  loadNote,
  mib,
  printTable,
  rate,
  ratio,
  repoPath,
  runJsonChild,
  verdict,
  type Row,
} from "./common.js";
import { availableCores, measureEngineCost, measureStudy, type StudyRun } from "./fault-study.js";
import { runKernelBench } from "./kernel-hold.js";
import {
  measureBaseline,
  measureEmptyProcess,
  measureMailThroughput,
  type MailRun,
} from "./mail-throughput.js";
import { holdAt, mailFloor } from "./pending-hold.js";

const quick = process.argv.includes("--quick");
const DAYS = quick ? 1 : 7;
const REPLICATIONS = quick ? 20 : 200;
const SIMPY_HORIZON_S = quick ? 600 : 7200;
/** 100 M mails at 50 mails/s. */
const HUNDRED_M_HORIZON = "2000000s";
const GIB = 2 ** 30;

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

function mailRow(r: MailRun): Row {
  const f = r.figures;
  return [
    r.variant,
    `${(f.mails / 1e6).toFixed(2)} M`,
    `${r.processSec.toFixed(2)} s`,
    rate(r.mailsPerSec),
    `[${rate(f.mails / f.runCpuSec)}]`,
    `${(f.events / 1e6).toFixed(1)} M`,
    rate(r.eventsPerSec),
    `[${rate(f.events / f.runCpuSec)}]`,
    mib(f.maxRssBytes),
  ];
}

async function main(): Promise<void> {
  const simpy = findSimPy2();
  console.log(`# hasim benchmarks${quick ? " (--quick)" : ""}`);
  console.log(`node ${process.version}, ${CORES} cores, ${new Date().toISOString()}`);

  // ---------------------------------------------------------------- 1
  heading("1. Kernel hold benchmark (bench/kernel-hold.ts; events/s, higher is better)");
  runKernelBench({
    quick,
    log: (line) => {
      console.log(line);
    },
  });

  // ---------------------------------------------------------------- 2
  heading(
    `2. Mail throughput: baseline, 50 mails/s, ${DAYS} simulated day${DAYS > 1 ? "s" : ""}, 1 replication, 1 thread`,
  );
  const repeats = quick ? 2 : 3;
  const runs = measureMailThroughput(DAYS, repeats);
  const empty = measureEmptyProcess(3);
  printTable(
    [
      "variant",
      "mails",
      "process",
      "mails/s (whole process)",
      "[per CPU s of the run]",
      "events",
      "events/s (run)",
      "[per CPU s]",
      "peak RSS",
    ],
    [...runs.map(mailRow), mailRow(empty)],
  );
  console.log(
    `(the first row is the fastest of ${repeats} runs, the last the smallest RSS of 3; [bracketed] figures count CPU time, which other work on the machine does not inflate)`,
  );
  const base = runs[0]!;
  const bf = base.figures;
  console.log(
    `\nstart-up (node, imports, scenario) ${(bf.startupSec * 1e3).toFixed(0)} ms; run ${bf.runSec.toFixed(2)} s; ` +
      `${(bf.events / bf.mails).toFixed(3)} events per mail; mean latency ${bf.latencyMeanS?.toFixed(4)} s; mean mails held ${bf.spoolMean.toFixed(2)}`,
  );

  // The kernel at the model's pending-set size: the next arrival, the deliveries in progress,
  // the horizon marker.
  const pending = Math.max(2, Math.round(2 + bf.spoolMean));
  const holdEvents = quick ? 2_000_000 : 10_000_000;
  const hold = holdAt(pending, holdEvents);
  const floor = mailFloor(quick ? 6 * 3600 : 86_400);
  // Compared per CPU second: both sides then pay for their own work only, whatever else runs.
  const modelCpuRate = bf.events / bf.runCpuSec;
  console.log("");
  printTable(
    [
      "kernel at the model's pending-set size",
      "events/s",
      "[per CPU s]",
      "model ÷ this [per CPU s]",
    ],
    [
      [`model: ${base.variant}`, rate(base.eventsPerSec), `[${rate(modelCpuRate)}]`, "1.00×"],
      [
        `${hold.label} (the model has about ${pending} pending)`,
        rate(hold.eventsPerSec),
        `[${rate(hold.eventsPerCpuSec)}]`,
        ratio(modelCpuRate, hold.eventsPerCpuSec),
      ],
      [
        `${floor.label}, no model logic`,
        rate(floor.eventsPerSec),
        `[${rate(floor.eventsPerCpuSec)}]`,
        ratio(modelCpuRate, floor.eventsPerCpuSec),
      ],
    ],
  );
  targets.push({
    what: "model events/s ≥ 50% of kernel hold at a similar pending-set size (per CPU s)",
    measured: rate(modelCpuRate),
    reference: `${rate(hold.eventsPerCpuSec)} (hold N=${pending})`,
    ratio: ratio(modelCpuRate, hold.eventsPerCpuSec),
    ok: modelCpuRate >= 0.5 * hold.eventsPerCpuSec,
  });
  targets.push({
    what: "≥ 1 M mails/s on one core, whole process",
    measured: rate(base.mailsPerSec),
    reference: "1.00 M/s",
    ratio: ratio(base.mailsPerSec, 1e6),
    ok: base.mailsPerSec >= 1e6,
  });

  // Memory: what the mails add to an (almost) empty run's peak RSS.
  const perMail = (bf.maxRssBytes - empty.figures.maxRssBytes) / bf.mails;
  console.log(
    `\nmemory: ${perMail.toFixed(2)} bytes/mail of peak RSS above the one-minute run (ledger: 2 bytes/mail, fate and copy cause; model: 1 byte/mail, which unit holds it; arrays grow by doubling)`,
  );
  if (quick) {
    const projected = empty.figures.maxRssBytes + perMail * 1e8;
    console.log(`100 M mails, projected from this run: ${mib(projected)}`);
    targets.push({
      what: "memory: 100 M mails in 1 GiB (projected)",
      measured: mib(projected),
      reference: "1024 MiB",
      ratio: ratio(projected, GIB),
      ok: projected <= GIB,
    });
  } else {
    const big = measureBaseline(HUNDRED_M_HORIZON, [], "100 M mails");
    const bigPerMail = (big.figures.maxRssBytes - empty.figures.maxRssBytes) / big.figures.mails;
    console.log(
      `100 M mails (${HUNDRED_M_HORIZON} at 50/s): ${(big.figures.mails / 1e6).toFixed(1)} M mails, peak RSS ${mib(big.figures.maxRssBytes)} ` +
        `(${bigPerMail.toFixed(2)} bytes/mail above the one-minute run), ${rate(big.mailsPerSec)} mails/s whole process`,
    );
    targets.push({
      what: "memory: 100 M mails in 1 GiB",
      measured: mib(big.figures.maxRssBytes),
      reference: "1024 MiB",
      ratio: ratio(big.figures.maxRssBytes, GIB),
      ok: big.figures.maxRssBytes <= GIB,
    });
  }

  // ---------------------------------------------------------------- 3
  heading(
    `3. Fault study: year-of-faults, ${REPLICATIONS} replications × 3 policies, built CLI (whole process)`,
  );
  const studies: StudyRun[] = [measureStudy(1, REPLICATIONS)];
  const free = CORES > 1 ? await availableCores(CORES) : 1;
  if (CORES > 1) studies.push(measureStudy(CORES, REPLICATIONS));
  const one = studies[0]!;
  printTable(
    ["--jobs", "runs", "wall", "replications/s", "speed-up", "CPU", "cores busy"],
    studies.map((s) => [
      String(s.jobs),
      String(s.runs),
      `${s.sec.toFixed(2)} s`,
      rate(s.runsPerSec),
      ratio(s.runsPerSec, one.runsPerSec),
      `${s.cpuSec.toFixed(2)} s`,
      (s.cpuSec / s.sec).toFixed(2),
    ]),
  );
  const par = studies[1];
  if (par !== undefined) {
    console.log(
      `\ncores free for this benchmark just before --jobs ${par.jobs} (${CORES} spinning processes): ${free.toFixed(2)} of ${CORES}; replications per CPU second: ${(one.runs / one.cpuSec).toFixed(2)} with --jobs 1, ${(par.runs / par.cpuSec).toFixed(2)} with --jobs ${par.jobs}`,
    );
    // The target is for this 2-core machine; with more cores, 0.85 per core is the same bar.
    const bar = 0.85 * par.jobs;
    targets.push({
      what: `--jobs ${par.jobs} ≥ ${bar.toFixed(1)}× --jobs 1`,
      measured: rate(par.runsPerSec),
      reference: rate(one.runsPerSec),
      ratio:
        ratio(par.runsPerSec, one.runsPerSec) +
        (free < bar ? ` (${free.toFixed(1)} cores free)` : "") +
        (quick ? " (--quick: too short to judge)" : ""),
      // With --quick the study lasts a few seconds, and the workers' start-up (each loads the
      // model and qualifies the scenario) is a sizeable part of it: no verdict.
      ok: quick ? null : par.runsPerSec >= bar * one.runsPerSec,
    });
  } else {
    console.log("(one core: no parallel figure)");
  }
  const closed = measureEngineCost("closed-form", quick ? "90d" : undefined);
  const simulated = measureEngineCost("simulated", quick ? "90d" : undefined);
  console.log("");
  printTable(
    ["one replication (restore), kernel events", "events", "per mail", "beyond 2 per mail", "run"],
    [closed, simulated].map((e) => [
      `heartbeats and probes ${e.engine}`,
      `${(e.events / 1e6).toFixed(2)} M`,
      (e.events / e.mails).toFixed(3),
      String(e.events - 2 * e.mails),
      `${e.runSec.toFixed(2)} s`,
    ]),
  );

  // ---------------------------------------------------------------- 4
  heading(
    `4. The same no-fault mail model in SimPy 2 (bench/simpy_mail.py, ${SIMPY_HORIZON_S} simulated s)`,
  );
  if (simpy === null) {
    console.log(
      "skipped: SimPy 2 not found (Debian: apt-get install -y python3-simpy, for /usr/bin/python3)",
    );
  } else {
    const py = runJsonChild(simpy, [
      repoPath("bench/simpy_mail.py"),
      String(SIMPY_HORIZON_S),
      "50",
      "8",
      "0.1",
    ]).value as {
      simpy: string;
      mails: number;
      sec: number;
      mails_per_s: number;
      latency_mean_s: number;
    };
    printTable(
      ["model", "mails", "mails/s", "mean latency", "hasim ÷ this"],
      [
        [
          `hasim (whole process, ${DAYS} d)`,
          `${(bf.mails / 1e6).toFixed(2)} M`,
          rate(base.mailsPerSec),
          `${bf.latencyMeanS?.toFixed(4)} s`,
          "1.00×",
        ],
        [
          `SimPy ${py.simpy} (simulation only)`,
          `${(py.mails / 1e6).toFixed(2)} M`,
          rate(py.mails_per_s),
          `${py.latency_mean_s.toFixed(4)} s`,
          ratio(base.mailsPerSec, py.mails_per_s),
        ],
      ],
    );
    targets.push({
      what: "≥ 10× the SimPy model",
      measured: rate(base.mailsPerSec),
      reference: `${rate(py.mails_per_s)} (SimPy ${py.simpy})`,
      ratio: ratio(base.mailsPerSec, py.mails_per_s),
      ok: base.mailsPerSec >= 10 * py.mails_per_s,
    });
  }

  // ---------------------------------------------------------------- targets
  heading("Targets (issue 7), measured in this run");
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
}

await main();
