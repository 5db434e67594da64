/**
 * The Kubernetes recipes of docs/cluster/k8s cannot be run here (no cluster); this checks they
 * parse as YAML with the fields Kubernetes requires of a Job, and that they run the very hasim
 * command lines of the Slurm scripts that .ci/slurm-test.sh runs for real.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ROOT } from "../cli/helpers.js";

const K8S = join(ROOT, "docs", "cluster", "k8s");
const SLURM = join(ROOT, "docs", "cluster", "slurm");

type Doc = Record<string, unknown>;

function load(file: string): Doc {
  const docs = parseAllDocuments(readFileSync(join(K8S, file), "utf8"));
  expect(docs).toHaveLength(1);
  const doc = docs[0]!;
  expect(doc.errors).toEqual([]);
  return doc.toJS() as Doc;
}

function get(doc: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);
}

/** The hasim line of a batch script. */
function slurmLine(file: string, verb: string): string {
  const lines = readFileSync(join(SLURM, file), "utf8").split("\n");
  const found = lines.filter((l) => l.startsWith(`hasim ${verb} `) && !l.includes("--status"));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Checks what the API server requires of a batch/v1 Job; returns its one container. */
function checkJob(doc: Doc, name: string): Doc {
  expect(doc.apiVersion).toBe("batch/v1");
  expect(doc.kind).toBe("Job");
  expect(get(doc, "metadata.name")).toBe(name);
  expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/); // DNS-1123 label
  expect(["Never", "OnFailure"]).toContain(get(doc, "spec.template.spec.restartPolicy"));
  const containers = get(doc, "spec.template.spec.containers") as Doc[];
  expect(containers).toHaveLength(1);
  const c = containers[0]!;
  expect(typeof c.name).toBe("string");
  expect(typeof c.image).toBe("string");
  expect(c.command).toEqual(["/bin/sh", "-c"]);
  const volumes = (get(doc, "spec.template.spec.volumes") as Doc[]).map((v) => v.name);
  for (const m of c.volumeMounts as Doc[]) expect(volumes).toContain(m.name);
  expect(
    get((get(doc, "spec.template.spec.volumes") as Doc[])[0], "persistentVolumeClaim.claimName"),
  ).toBe(get(load("pvc.yaml"), "metadata.name"));
  return c;
}

function env(c: Doc, name: string): unknown {
  return (c.env as Doc[]).find((e) => e.name === name)?.value;
}

describe("docs/cluster/k8s", () => {
  it("study-job.yaml is an Indexed Job whose shard count is its completions", () => {
    const job = load("study-job.yaml");
    const c = checkJob(job, "hasim-study");
    expect(get(job, "spec.completionMode")).toBe("Indexed");
    const completions = get(job, "spec.completions");
    expect(Number.isSafeInteger(completions) && (completions as number) >= 1).toBe(true);
    expect(Number.isSafeInteger(get(job, "spec.parallelism"))).toBe(true);
    expect(env(c, "SHARDS")).toBe(String(completions));
    expect(c.args).toEqual([slurmLine("study.sbatch", "run")]);
  });

  it("merge-job.yaml runs the merge line of merge.sbatch on the same volume and study", () => {
    const study = load("study-job.yaml");
    const job = load("merge-job.yaml");
    const c = checkJob(job, "hasim-merge");
    expect(c.args).toEqual([slurmLine("merge.sbatch", "merge")]);
    const studyC = (get(study, "spec.template.spec.containers") as Doc[])[0]!;
    expect(env(c, "STUDY")).toBe(env(studyC, "STUDY"));
    expect(c.image).toBe(studyC.image);
  });

  it("pvc.yaml is a claim many pods can mount", () => {
    const pvc = load("pvc.yaml");
    expect(pvc.apiVersion).toBe("v1");
    expect(pvc.kind).toBe("PersistentVolumeClaim");
    expect(get(pvc, "spec.accessModes")).toEqual(["ReadWriteMany"]);
    expect(get(pvc, "spec.resources.requests.storage")).toMatch(/^\d+[GM]i$/);
  });

  it("the Dockerfile builds on the official Node image with npm ci and the build, and puts hasim on PATH", () => {
    const text = readFileSync(join(K8S, "Dockerfile"), "utf8");
    const from = /^FROM (\S+)/m.exec(text)?.[1] ?? "";
    expect(from).toMatch(/^node:\d+/);
    const major = Number(/^node:(\d+)/.exec(from)?.[1]);
    const engines = (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string } }
    ).engines.node;
    expect(major).toBeGreaterThanOrEqual(Number(/\d+/.exec(engines)?.[0]));
    expect(text).toMatch(/npm ci\b/);
    expect(text).toMatch(/npm run build/);
    expect(text).toMatch(/\/usr\/local\/bin\/hasim/);
  });

  it("the Slurm test submits these very scripts", () => {
    const ci = readFileSync(join(ROOT, ".ci", "slurm-test.sh"), "utf8");
    expect(ci).toContain("docs/cluster/slurm/study.sbatch");
    expect(ci).toContain("docs/cluster/slurm/merge.sbatch");
    expect(ci).toMatch(/--dependency=afterok:/);
  });
});
