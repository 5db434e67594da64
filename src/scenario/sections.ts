/**
 * The readers of the scenario's sections: policies, nodes, `ha`, `mta`, `workload`,
 * `assumptions` and `engine`. Defaults and ranges come from {@link DEFAULTS}; the checks here are
 * the ones between fields (a probe's timeout within its interval, remote-as-heartbeat needs a
 * probe, exactly one configured master).
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";
import { formatDuration } from "../kernel/time.js";
import {
  POLICIES,
  POLICY_ALIASES,
  PROTOCOLS,
  type AdminConfig,
  type Assumptions,
  type EngineOptions,
  type HaConfig,
  type LocalCheckConfig,
  type MtaConfig,
  type NodeSpec,
  type Policy,
  type ProbeConfig,
  type WorkloadConfig,
} from "../config/scenario.js";
import { DEFAULTS as D } from "./defaults.js";
import { joinPath } from "./errors.js";
import { Fields, isMapping } from "./fields.js";
import { NODE, SCENARIO_SHAPE, fieldNames } from "./shape.js";
import { didYouMean } from "./suggest.js";

const NODE_NAME = {
  re: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  says: "a unit name of letters, digits, '.', '_' or '-'",
};

export function readPolicies(top: Fields): Policy[] {
  const v = top.get("policies");
  if (v === undefined) return [...D.policies.def];
  let items: unknown[];
  // A comma-separated string is accepted so that `--set policies=off,slave` works without brackets.
  if (typeof v === "string") items = v.split(",").map((s) => s.trim());
  else if (Array.isArray(v)) items = v;
  else return top.fail("policies", "expected a list of policies such as [off, restore, slave]");
  if (items.length === 0 || items.every((x) => x === ""))
    top.fail("policies", "expected at least one of off, restore, slave");
  const list = Fields.list(top.file, top.at("policies"), items);
  const out: Policy[] = [];
  items.forEach((_, i) => {
    const p = list.oneOf(String(i), POLICIES, undefined, POLICY_ALIASES);
    if (out.includes(p)) list.fail(String(i), `expected each policy once (${p} is already listed)`);
    out.push(p);
  });
  return out;
}

export function readNodes(top: Fields): readonly [NodeSpec, NodeSpec] {
  const v = top.get("nodes");
  if (v === undefined) return [D.nodes.def[0]!, D.nodes.def[1]!];
  if (!Array.isArray(v) || v.length !== 2) {
    top.fail(
      "nodes",
      "expected a list of exactly two units such as [{name: A, mode: master}, {name: B, mode: slave}]",
    );
  }
  const read = v.map((item: unknown, i) => {
    const f = Fields.of(top.file, joinPath(top.at("nodes"), i), item, fieldNames(NODE), "a unit");
    const name = f.str("name", undefined, NODE_NAME);
    // "any" means "either unit" in random faults, so no unit may be called that.
    if (name === "any")
      f.fail("name", "expected a unit name other than any (random faults use any for either unit)");
    // 7.x calls the configured modes primary and secondary.
    const mode = f.oneOf("mode", ["master", "slave"] as const, D.nodes.def[i]?.mode, {
      primary: "master",
      secondary: "slave",
    });
    return { f, spec: { name, mode } satisfies NodeSpec };
  });
  const [a, b] = read as [(typeof read)[0], (typeof read)[0]];
  if (a.spec.name === b.spec.name)
    b.f.fail("name", `expected a name different from nodes[0] (${a.spec.name})`);
  if (a.spec.mode === b.spec.mode) {
    const f = a.spec.mode === "master" ? b.f : a.f;
    f.fail(
      "mode",
      `expected ${a.spec.mode === "master" ? "slave" : "master"}: exactly one unit is configured master`,
    );
  }
  return [a.spec, b.spec];
}

export function readHa(h: Fields): HaConfig {
  const hb = h.section("heartbeat", fieldNames(SCENARIO_SHAPE, "ha", "heartbeat"));
  const heartbeat = {
    intervalUs: hb.duration("interval", D["ha.heartbeat.interval"]),
    lostThreshold: hb.int("lostThreshold", D["ha.heartbeat.lostThreshold"]),
    secondaryLink: hb.bool("secondaryLink", D["ha.heartbeat.secondaryLink"]),
  };
  const rservice = readRservice(h.section("rservice", PROTOCOLS));
  const remoteAsHeartbeat = h.bool("remoteAsHeartbeat", D["ha.remoteAsHeartbeat"]);
  if (remoteAsHeartbeat && rservice.length === 0) {
    h.fail(
      "remoteAsHeartbeat",
      "expected false while ha.rservice probes no protocol (probes are what count as heartbeat)",
    );
  }
  const ls = h.section("lservice", fieldNames(SCENARIO_SHAPE, "ha", "lservice"));
  const lservice = { ports: readLocalCheck(ls, "ports"), hd: readLocalCheck(ls, "hd") };
  const sync = (key: "mailQueueSync" | "mailDataSync") => {
    const s = h.section(key, fieldNames(SCENARIO_SHAPE, "ha", key));
    return {
      enabled: s.bool("enabled", D[`ha.${key}.enabled`]),
      intervalUs: s.duration("interval", D[`ha.${key}.interval`]),
    };
  };
  const mailQueueSync = sync("mailQueueSync");
  const mailDataSync = sync("mailDataSync");
  const holdOffUs = h.duration("holdOff", D["ha.holdOff"]);
  const ad = h.section("admin", fieldNames(SCENARIO_SHAPE, "ha", "admin"));
  const admin: AdminConfig = {
    responseTime: readResponseTime(ad),
    action: ad.choice("action", D["ha.admin.action"]),
  };
  return {
    heartbeat,
    remoteAsHeartbeat,
    rservice,
    lservice,
    mailQueueSync,
    mailDataSync,
    holdOffUs,
    admin,
  };
}

/** A monitor's settings under `ha.rservice` or `ha.lservice`, or null for `off` or absent. */
function monitorOrOff(parent: Fields, key: string, example: string): Fields | null {
  const v = parent.get(key);
  if (v === undefined || v === "off") return null;
  if (!isMapping(v) && v !== null)
    parent.fail(key, `expected ${example} ({} for these defaults) or off`);
  const monitors = parent.path.split(".").at(-1) ?? "";
  return parent.section(key, fieldNames(SCENARIO_SHAPE, "ha", monitors, key));
}

/** The probed protocols of `ha.rservice`; `off` or absent = not probed. */
function readRservice(rs: Fields): ProbeConfig[] {
  return PROTOCOLS.flatMap((protocol): ProbeConfig[] => {
    const p = monitorOrOff(
      rs,
      protocol,
      "a probe such as {interval: 30s, timeout: 5s, retries: 3}",
    );
    if (p === null) return [];
    const intervalUs = p.duration("interval", D["ha.rservice.<protocol>.interval"]);
    const timeoutUs = p.duration("timeout", D["ha.rservice.<protocol>.timeout"]);
    if (timeoutUs > intervalUs)
      p.fail(
        "timeout",
        `expected a timeout no longer than the interval (${formatDuration(intervalUs)})`,
      );
    const retries = p.int("retries", D["ha.rservice.<protocol>.retries"]);
    return [{ protocol, intervalUs, timeoutUs, retries }];
  });
}

/** A local check of `ha.lservice` (`ports` or `hd`); `off` or absent = null. */
function readLocalCheck(ls: Fields, key: "ports" | "hd"): LocalCheckConfig | null {
  const c = monitorOrOff(ls, key, "a check such as {interval: 10s, retries: 3}");
  if (c === null) return null;
  // The documented range of `lservice <check_s>` is 1–60 s [D: S3].
  const intervalUs = c.duration("interval", D["ha.lservice.<check>.interval"]);
  return { intervalUs, retries: c.int("retries", D["ha.lservice.<check>.retries"]) };
}

/** `never`, or a distribution; a word that is neither is most likely a misspelt `never`. */
function readResponseTime(ad: Fields): Dist | null {
  const v = ad.get("responseTime");
  if (v === "never") return null;
  if (typeof v === "string" && /^[a-z]+$/i.test(v.trim())) {
    const near = didYouMean(v, ["never"]);
    ad.fail(
      "responseTime",
      "expected a distribution such as {dist: lognormal, median: 4h, p95: 24h}, a duration, or never",
      near && `did you mean "${near}"?`,
    );
  }
  return ad.dist("responseTime", D["ha.admin.responseTime"]);
}

export function readMta(m: Fields): MtaConfig {
  return {
    spoolCapacity: m.int("spoolCapacity", D["mta.spoolCapacity"]),
    deliveryWorkers: m.int("deliveryWorkers", D["mta.deliveryWorkers"]),
    deliveryTime: m.dist("deliveryTime", D["mta.deliveryTime"]),
    queueRetryUs: m.duration("queueRetry", D["mta.queueRetry"]),
    queueGiveUpUs: m.duration("queueGiveUp", D["mta.queueGiveUp"]),
  };
}

export function readWorkload(w: Fields): WorkloadConfig {
  const a = w.section("arrivals", fieldNames(SCENARIO_SHAPE, "workload", "arrivals"));
  const ratePerS = a.rate("rate", D["workload.arrivals.rate"]);
  const process = a.choice("process", D["workload.arrivals.process"]);
  const profile = a.choice("profile", D["workload.arrivals.profile"]);
  const peakFactor = a.num("peakFactor", D["workload.arrivals.peakFactor"]);
  const peakAtUs = a.duration("peakAt", D["workload.arrivals.peakAt"]);
  const r = w.section("senderRetry", fieldNames(SCENARIO_SHAPE, "workload", "senderRetry"));
  return {
    arrivals: { ratePerS, process, profile, peakFactor, peakAtUs },
    senderRetry: {
      intervalUs: r.duration("interval", D["workload.senderRetry.interval"]),
      giveUpUs: r.duration("giveUp", D["workload.senderRetry.giveUp"]),
    },
  };
}

export function readAssumptions(a: Fields): Assumptions {
  return {
    demotedQueue: a.choice("demotedQueue", D["assumptions.demotedQueue"]),
    splitBrainHeal: a.choice("splitBrainHeal", D["assumptions.splitBrainHeal"]),
    splitBrainShare: a.probability("splitBrainShare", D["assumptions.splitBrainShare"]),
    splitBrainSessionCutProbability: a.probability(
      "splitBrainSessionCutProbability",
      D["assumptions.splitBrainSessionCutProbability"],
    ),
    cutSessionWindowUs: a.duration("cutSessionWindow", D["assumptions.cutSessionWindow"]),
    cutSessionDuplicateProbability: a.probability(
      "cutSessionDuplicateProbability",
      D["assumptions.cutSessionDuplicateProbability"],
    ),
    inflightDeliveredProbability: a.probability(
      "inflightDeliveredProbability",
      D["assumptions.inflightDeliveredProbability"],
    ),
    arpUpdateDelayUs: a.duration("arpUpdateDelay", D["assumptions.arpUpdateDelay"]),
    failedWithoutPeer: a.choice("failedWithoutPeer", D["assumptions.failedWithoutPeer"]),
    lserviceOnSlave: a.bool("lserviceOnSlave", D["assumptions.lserviceOnSlave"]),
    hungMasterArp: a.choice("hungMasterArp", D["assumptions.hungMasterArp"]),
    adminActs: a.choice("adminActs", D["assumptions.adminActs"]),
    adminRestartTo: a.choice("adminRestartTo", D["assumptions.adminRestartTo"]),
    mailDataShare: a.probability("mailDataShare", D["assumptions.mailDataShare"]),
    pushRatePerS: a.num("pushRatePerS", D["assumptions.pushRatePerS"]),
  };
}

export function readEngine(e: Fields): EngineOptions {
  return {
    heartbeats: e.choice("heartbeats", D["engine.heartbeats"]),
    checkInvariants: e.bool("checkInvariants", D["engine.checkInvariants"]),
    phases: e.choice("phases", D["engine.phases"]),
    mail: e.choice("mail", D["engine.mail"]),
  };
}
