/**
 * Property: any valid HA configuration of any family (random keys, values, order, indentation,
 * quoting, line endings and unrelated blocks around it) imports without throwing, and the
 * scenario it emits validates and reads back from its YAML unchanged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigImportError, importConfig } from "../../src/import/index.js";
import { parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import { BASE } from "./helpers.js";

const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });
const onOff = fc.constantFrom("enable", "disable");
const secs = fc.integer({ min: 0, max: 120 });
const indent = fc.constantFrom("", "  ", "    ", "\t");
const quoted = (name: string): fc.Arbitrary<string> => fc.constantFrom(name, `"${name}"`);
const password = fc
  .string({ minLength: 1, maxLength: 12 })
  .map((s) => `"${s.replace(/["\\\n\r]/g, "x")}"`);

/** A `config service` block of random entries. */
const service = (withStatusOnLocalPorts: boolean): fc.Arbitrary<string[]> =>
  fc
    .subarray([
      "remote-smtp",
      "remote-pop",
      "remote-imap",
      "remote-http",
      "local-ports",
      "local-hd",
    ])
    .chain((names) =>
      fc.tuple(
        ...names.map((n) =>
          fc
            .record({
              name: quoted(n),
              status:
                n === "local-ports" && !withStatusOnLocalPorts ? fc.constant(null) : opt(onOff),
              interval: opt(secs),
              timeout: n.startsWith("remote") ? opt(secs) : fc.constant(null),
              retries: opt(fc.integer({ min: 0, max: 10 })),
            })
            .map((e) => [
              `edit ${e.name}`,
              ...(e.status === null ? [] : [`set status ${e.status}`]),
              ...(e.interval === null ? [] : [`set check-interval ${e.interval}`]),
              ...(e.timeout === null ? [] : [`set check-timeout ${e.timeout}`]),
              ...(e.retries === null ? [] : [`set retries ${e.retries}`]),
              "next",
            ]),
        ),
      ),
    )
    .map((entries) => ["config service", ...entries.flat(), "end"]);

/** Top-level keys shared by 7.0 and 7.4. */
const common: fc.Arbitrary<Common> = fc.record({
  threshold: opt(fc.integer({ min: 1, max: 300 })),
  rah: opt(onOff),
  data: opt(onOff),
  queue: opt(onOff),
  password: opt(password),
  port: opt(fc.integer({ min: 1, max: 65535 })),
});
interface Common {
  threshold: number | null;
  rah: string | null;
  data: string | null;
  queue: string | null;
  password: string | null;
  port: number | null;
}
const commonLines = (c: Common): string[] => [
  ...(c.threshold === null ? [] : [`set hb-lost-threshold ${c.threshold}`]),
  ...(c.rah === null ? [] : [`set remote-services-as-heartbeat ${c.rah}`]),
  ...(c.data === null ? [] : [`set mail-data-sync ${c.data}`]),
  ...(c.queue === null ? [] : [`set mailqueue-data-sync ${c.queue}`]),
  ...(c.password === null ? [] : [`set password ${c.password}`]),
  ...(c.port === null ? [] : [`set hb-base-port ${c.port}`]),
];

const block70 = (mode: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc
    .record({
      mode,
      onFailure: opt(
        fc.constantFrom("off", "restore-role", "become-secondary", "restore", "slave"),
      ),
      common,
      hb2: fc.boolean(),
      hd: opt(onOff),
      ifs: fc.array(
        fc.record({
          name: fc.constantFrom("port1", "port2", "port3"),
          hs: opt(fc.constantFrom("disable", "primary", "secondary")),
          peer: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      service: opt(service(true)),
    })
    .map((b) => [
      `set mode ${b.mode}`,
      ...(b.onFailure === null ? [] : [`set on-failure ${b.onFailure}`]),
      ...commonLines(b.common),
      ...(b.hb2 ? ["set heartbeat-2-interface port5"] : []),
      ...(b.hd === null ? [] : [`set hard-drives-check ${b.hd}`]),
      "config interface",
      ...b.ifs.flatMap((i) => [
        `edit "${i.name}"`,
        ...(i.hs === null ? [] : [`set heartbeat-status ${i.hs}`]),
        ...(i.peer ? ["set peer-ip 10.0.0.2"] : []),
        "next",
      ]),
      "end",
      ...(b.service ?? []),
    ]);

const block74 = fc
  .record({
    roles: fc.constantFrom(
      ["primary", "secondary"],
      ["secondary", "primary"],
      ["primary"],
      ["secondary", null],
      [null, "primary"],
    ),
    ips: fc.boolean(),
    action: opt(fc.constantFrom("off", "restore-role", "become-secondary")),
    common,
    ifs: fc.array(fc.record({ hs: opt(onOff), pm: opt(onOff) }), { maxLength: 3 }),
    service: opt(service(false)),
  })
  .map((b) => [
    "set state enable",
    "set type member",
    "set mode active-passive",
    ...commonLines(b.common),
    ...(b.action === null ? [] : [`set action-on-failure ${b.action}`]),
    "config member",
    ...b.roles.flatMap((r, i) => [
      `edit "fml-${i}"`,
      ...(r === null ? [] : [`set role ${r}`]),
      ...(b.ips ? [`set ip 10.0.0.${i + 1} 255.255.255.0`] : []),
      "next",
    ]),
    "end",
    "config interface",
    ...b.ifs.flatMap((f, i) => [
      `edit port${i + 1}`,
      ...(f.hs === null ? [] : [`set heartbeat-status ${f.hs}`]),
      ...(f.pm === null ? [] : [`set port-monitor ${f.pm}`]),
      "next",
    ]),
    "end",
    ...(b.service ?? []),
  ]);

const lines30 = fc
  .record({
    mode: fc.constantFrom("master", "slave"),
    onFailure: opt(fc.constantFrom("off", "restore", "slave")),
    monitor: opt(
      fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 10 })),
    ),
    lservice: fc.array(
      fc.tuple(fc.constantFrom("ports", "hd"), secs, fc.integer({ min: 0, max: 5 })),
      { maxLength: 2 },
    ),
    rservice: fc.array(
      fc.tuple(
        fc.constantFrom("smtp", "pop", "imap", "http"),
        fc.constantFrom("0.0.0.0", "10.0.0.1"),
        fc.integer({ min: 0, max: 995 }),
        secs,
        secs,
        fc.integer({ min: 0, max: 5 }),
      ),
      { maxLength: 4 },
    ),
    rah: opt(onOff),
    second: opt(fc.constantFrom("port5 10.0.1.2 255.255.255.0", "disable", "any")),
    peer: fc.boolean(),
    passwd: opt(password),
  })
  .chain((c) => {
    const rest = [
      ...(c.onFailure === null ? [] : [`set system ha on-failure ${c.onFailure}`]),
      ...(c.monitor === null
        ? []
        : [
            `set system ha monitor ${c.monitor[0] ? "port " : ""}20000 ${c.monitor[1]} ${c.monitor[2]}`,
          ]),
      ...c.lservice.map(([k, t, r]) => `set system ha lservice ${k} ${t} ${r}`),
      ...c.rservice.map((r) => `set system ha rservice ${r.join(" ")}`),
      ...(c.rah === null ? [] : [`set system ha remote-as-heartbeat ${c.rah}`]),
      ...(c.second === null ? [] : [`set system ha secondary-interface ${c.second}`]),
      ...(c.peer ? ["set system ha peer 10.0.0.4"] : []),
      ...(c.passwd === null ? [] : [`set system ha passwd ${c.passwd}`]),
      "set mailserver smtp queue dsn_timeout 5 retry 27 timeout 5 warning 4",
    ];
    const n = rest.length;
    return fc
      .shuffledSubarray(rest, { minLength: n, maxLength: n })
      .map((ls) => [`set system ha mode ${c.mode}`, ...ls]);
  });

/** Lays out a block with random indentation, unrelated blocks around it and a line ending. */
const layout = (inner: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc
    .record({
      inner,
      pad: indent,
      eol: fc.constantFrom("\n", "\r\n"),
      header: fc.boolean(),
      others: fc.boolean(),
    })
    .map(({ inner, pad, eol, header, others }) => {
      const ha = ["config system ha", ...inner.map((l) => pad + l), "end"];
      const global = ["config system global", `${pad}set hostname "fml one"`, "end"];
      const dns = ["config system dns", `${pad}set primary 1.1.1.1`, "end"];
      const all = [
        ...(header ? ["#config-version=FML-VM-7.2.0-FW-build0380:opmode=0"] : []),
        ...(others ? [...global, ...ha, ...dns] : ha),
      ];
      return all.join(eol) + eol;
    });

const anyConfig = fc.oneof(
  layout(block70(fc.constantFrom("primary", "secondary"))),
  layout(block70(fc.constantFrom("master", "slave"))),
  layout(block74),
  lines30.map((ls) => ls.join("\n") + "\n"),
);

function check(texts: readonly string[], policiesAll: boolean): void {
  const r = importConfig(
    texts.map((text, i) => ({ file: `u${i}.conf`, text })),
    { name: "p", base: BASE, policiesAll },
  );
  qualifyScenario(r.raw, "p.yaml");
  expect(parseScenarioText(r.yaml, "p.yaml")).toEqual(r.raw);
}

describe("import property", () => {
  it("any valid configuration of any family imports, validates and round-trips", () => {
    fc.assert(
      fc.property(anyConfig, fc.boolean(), (text, all) => {
        check([text], all);
      }),
      { numRuns: 300 },
    );
  });

  it("any two 7.0 units with opposite modes import as a pair that validates", () => {
    fc.assert(
      fc.property(
        layout(block70(fc.constant("primary"))),
        layout(block70(fc.constant("secondary"))),
        fc.boolean(),
        (p, s, swap) => {
          check(swap ? [s, p] : [p, s], false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("any jumble of CLI words either imports to a valid scenario or is refused in one line", () => {
    const word = fc.constantFrom(
      "config",
      "system",
      "ha",
      "edit",
      "next",
      "end",
      "set",
      "unset",
      "mode",
      "primary",
      "secondary",
      "on-failure",
      "off",
      "hb-lost-threshold",
      "15",
      "0",
      "-3",
      "service",
      "remote-smtp",
      "status",
      "enable",
      "member",
      "role",
      '"x y"',
      "'q",
      "#",
      "\\",
      "password",
      "state",
      "active-passive",
      "\u0000",
    );
    const line = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (ls) => {
        const text = ["config system ha", ...ls, "end"].join("\n");
        try {
          check([text], false);
        } catch (e) {
          if (!(e instanceof ConfigImportError)) throw e;
          expect(e.format()).toMatch(/^u0\.conf(:\d+)?: \S/);
          expect(e.format()).not.toContain("\n");
        }
      }),
      { numRuns: 500 },
    );
  });
});
