// The spool, the sender queue and the ledger against simple reference models (plain arrays and
// maps), over random operation sequences.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Spool, EntryTag } from "../../src/ha/spool.js";
import { MailLedger } from "../../src/check/ledger.js";
import { SenderQueue } from "../../src/sim/sender-queue.js";
import { RecentAccepts } from "../../src/sim/recent.js";
import { DurationHistogram } from "../../src/check/histogram.js";

describe("Spool", () => {
  it("behaves as a double-ended array (push, unshift, shift, forEach) across growth", () => {
    const ops = fc.array(
      fc.oneof(
        fc.record({
          op: fc.constantFrom("push" as const, "unshift" as const),
          id: fc.nat(1e6),
          t: fc.nat(1e9),
        }),
        fc.constant({ op: "shift" as const }),
        fc.constant({ op: "clear" as const }),
      ),
      { maxLength: 400 },
    );
    fc.assert(
      fc.property(ops, (seq) => {
        const s = new Spool(2);
        const ref: [number, number, number][] = [];
        for (const o of seq) {
          if (o.op === "push") {
            s.push(o.id, o.t, EntryTag.CutRetry, o.t - 1);
            ref.push([o.id, o.t, EntryTag.CutRetry]);
          } else if (o.op === "unshift") {
            s.unshift(o.id, o.t, EntryTag.SyncCopy, o.t - 1);
            ref.unshift([o.id, o.t, EntryTag.SyncCopy]);
          } else if (o.op === "shift") {
            const want = ref.shift();
            const got = s.shift();
            if (want === undefined) expect(got).toBe(-1);
            else {
              expect([got, s.lastAcceptUs, s.lastTag]).toEqual(want);
              expect(s.lastFirstTryUs).toBe(want[1] - 1);
            }
          } else {
            s.clear();
            ref.length = 0;
          }
          expect(s.size).toBe(ref.length);
        }
        const all: [number, number, number][] = [];
        s.forEach((id, t, tag, first) => {
          expect(first).toBe(t - 1);
          all.push([id, t, tag]);
        });
        expect(all).toEqual(ref);
      }),
    );
  });
});

describe("SenderQueue and RecentAccepts", () => {
  it("the sender queue is a FIFO whose head time is the earliest retry", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(1e6), fc.nat(1000), fc.boolean()), { maxLength: 300 }),
        (seq) => {
          const q = new SenderQueue();
          const ref: [number, number][] = [];
          let t = 0;
          for (const [id, dt, pop] of seq) {
            if (pop && ref.length > 0) {
              expect(q.headNextUs).toBe(ref[0]![1]);
              expect(q.shift()).toBe(ref.shift()![0]);
            } else {
              t += dt;
              q.push(id, 0, t, 0, 0);
              ref.push([id, t]);
            }
            expect(q.size).toBe(ref.length);
          }
        },
      ),
    );
  });

  it("recent accepts keep exactly the sessions inside the window", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(3_000_000), { minLength: 1, maxLength: 300 }),
        fc.nat(5_000_000),
        (gaps, extra) => {
          const w = 1_000_000;
          const r = new RecentAccepts(w);
          let t = 0;
          const all: [number, number][] = [];
          gaps.forEach((g, i) => {
            t += g;
            r.push(i, t, t);
            all.push([i, t]);
          });
          const now = t + extra;
          const got: number[] = [];
          r.drain(now, (id) => got.push(id));
          expect(got).toEqual(all.filter(([, at]) => at >= now - w).map(([id]) => id));
        },
      ),
    );
  });
});

describe("MailLedger", () => {
  interface Op {
    op: "accept" | "deliver" | "giveUp" | "destroy";
    mail: number;
    tag: number;
  }
  it("counts accepted, delivered, duplicated and lost like a map of mail fates", () => {
    const ops = fc.array(
      fc.record({
        op: fc.constantFrom<Op["op"]>("accept", "deliver", "giveUp", "destroy"),
        mail: fc.nat(30),
        tag: fc.nat(3),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(ops, (seq) => {
        const l = new MailLedger(4);
        for (let i = 0; i <= 30; i++) l.arrive(i);
        const ref = new Map<number, { acc: boolean; deliveries: number; gave: boolean }>();
        const get = (m: number) =>
          ref.get(m) ?? ref.set(m, { acc: false, deliveries: 0, gave: false }).get(m)!;
        for (const o of seq) {
          const r = get(o.mail);
          if (o.op === "accept") {
            l.accept(o.mail);
            r.acc = true;
          } else if (o.op === "deliver" && r.acc) {
            l.deliver(o.mail, o.tag, 0, 10, 0);
            r.deliveries++;
          } else if (o.op === "giveUp" && !r.acc && !r.gave) {
            l.giveUp(o.mail, 0);
            r.gave = true;
          } else if (o.op === "destroy") l.destroy(o.mail);
        }
        const rs = [...ref.values()];
        expect(l.arrived).toBe(31);
        expect(l.accepted).toBe(rs.filter((r) => r.acc).length);
        expect(l.delivered).toBe(rs.filter((r) => r.deliveries > 0).length);
        expect(l.duplicated).toBe(rs.reduce((s, r) => s + Math.max(0, r.deliveries - 1), 0));
        expect(Object.values(l.duplicatedBy).reduce((a, b) => a + b, 0)).toBe(l.duplicated);
        const lost = l.lostByCause(() => null);
        expect(Object.values(lost).reduce((a, b) => a + b, 0)).toBe(
          rs.filter((r) => r.acc && r.deliveries === 0).length,
        );
        expect(l.violations).toEqual([]);
      }),
    );
  });

  it("flags a delivery of a mail never accepted", () => {
    const l = new MailLedger();
    const m = 0;
    l.arrive(m);
    l.deliver(m, EntryTag.Original, 0, 5, 0);
    expect(l.violations.length).toBe(1);
  });
});

describe("DurationHistogram", () => {
  it("quantiles within 3.5% of the exact ones, exact mean", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2e9 }), { minLength: 1, maxLength: 500 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (xs, q) => {
          const h = new DurationHistogram();
          for (const x of xs) h.record(x);
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * xs.length) - 1)]!;
          expect(Math.abs(h.quantileUs(q) - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.035));
          expect(h.meanUs()).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 3);
        },
      ),
    );
  });
});
