/**
 * Warnings and choices: unknown keys (with did-you-mean), defaults where the configuration is
 * silent, clamps, duplicates, case, two units that disagree, and passwords never echoed.
 */
import { describe, expect, it } from "vitest";
import { formatNote } from "../../src/import/index.js";
import { fixture, imp, noteLines } from "./helpers.js";

const ha = (...lines: string[]): string =>
  `config system ha\n${lines.map((l) => `    ${l}\n`).join("")}end\n`;

describe("warnings", () => {
  it("an unknown key is a warning with its line and the nearest known key (W1)", () => {
    const r = imp(ha("set mode primary", "set hb-lost-treshold 20"));
    expect(noteLines(r)).toContain(
      "warning 3 unknown HA key 'hb-lost-treshold' in config system ha ignored; did you mean 'hb-lost-threshold'?",
    );
    expect(r.raw.ha).toMatchObject({ heartbeat: { interval: "5s", lostThreshold: 3 } });
  });

  it("unknown 3.0 sub-commands and services are warnings too", () => {
    const r = imp("set system ha mode master\nset system ha on-failur slave\n");
    expect(noteLines(r)).toContain(
      "warning 2 unknown HA key 'set system ha on-failur' ignored; did you mean 'on-failure'?",
    );
    const s = imp(
      ha(
        "set mode primary",
        "config service",
        "edit remote-smpt",
        "set status enable",
        "next",
        "end",
      ),
    );
    expect(noteLines(s).join("\n")).toMatch(
      /warning 4 unknown service 'remote-smpt' ignored; did you mean 'remote-smtp'\?/,
    );
  });

  it("no on-failure: every policy is compared, with a warning (W3)", () => {
    const r = imp(ha("set mode primary"));
    expect(r.raw.policies).toEqual(["off", "restore", "slave"]);
    expect(noteLines(r).join("\n")).toMatch(
      /warning - on-failure not set and no default is documented/,
    );
  });

  it("remote-as-heartbeat without a probe is written as false (W5)", () => {
    const r = imp(ha("set mode primary", "set remote-services-as-heartbeat enable"));
    expect((r.raw.ha as Record<string, unknown>).remoteAsHeartbeat).toBe(false);
    expect(noteLines(r).join("\n")).toMatch(
      /warning 3 remote-services-as-heartbeat is enabled but no remote service/,
    );
  });

  it("a timeout longer than the interval and a local interval over 60 s are clamped (W6)", () => {
    const r = imp(
      ha(
        "set mode secondary",
        "config service",
        'edit "remote-http"',
        "set status enable",
        "set check-interval 10",
        "set check-timeout 30",
        "next",
        "edit local-hd",
        "set status enable",
        "set check-interval 90",
        "set retries 2",
        "next",
        "end",
      ),
    );
    expect(r.raw.ha).toMatchObject({
      rservice: { http: { interval: "10s", timeout: "10s", retries: 3 } },
      lservice: { hd: { interval: "60s", retries: 2 } },
    });
    const lines = noteLines(r).join("\n");
    expect(lines).toMatch(/check-timeout 30 s is longer than the check interval 10 s; 10 s used/);
    expect(lines).toMatch(
      /local hd check interval 90 s is outside the documented 1–60 s; 60 s used/,
    );
  });

  it("a key set twice: the last wins, with a warning (W9); unset returns to the default", () => {
    const r = imp(ha("set mode primary", "set hb-lost-threshold 15", "set hb-lost-threshold 30"));
    expect(r.raw.ha).toMatchObject({ heartbeat: { lostThreshold: 6 } });
    expect(noteLines(r).join("\n")).toMatch(
      /warning 4 'hb-lost-threshold' set again \(first on line 3\)/,
    );
    const u = imp(ha("set mode primary", "set hb-lost-threshold 30", "unset hb-lost-threshold"));
    expect(u.raw.ha).toMatchObject({ heartbeat: { interval: "5s", lostThreshold: 3 } });
  });

  it("an enum value not in lower case is read with a warning (W10)", () => {
    const r = imp(ha("set mode Primary", "set on-failure Restore-Role"));
    expect(r.raw.nodes).toEqual([
      { name: "A", mode: "master" },
      { name: "B", mode: "slave" },
    ]);
    expect(r.raw.policies).toEqual(["restore"]);
    expect(noteLines(r).join("\n")).toMatch(/'mode' value 'Primary' is not in lower case/);
  });

  it("a service entry with settings but no status is off, with a warning (D14)", () => {
    const r = imp(
      ha(
        "set mode primary",
        "config service",
        "edit remote-smtp",
        "set check-interval 30",
        "next",
        "end",
      ),
    );
    expect((r.raw.ha as Record<string, unknown>).rservice).toBeUndefined();
    expect(noteLines(r).join("\n")).toMatch(
      /remote-smtp has settings but no 'status'; assumed disabled/,
    );
  });

  it("3.0 rservice: seconds assumed, always said (D1); 'monitor port …' accepted (D3)", () => {
    const r = imp(
      "set system ha mode slave\nset system ha monitor port 20000 20 5\nset system ha rservice pop 10.0.0.1 110 30 5 3\n",
    );
    expect(r.raw.ha).toMatchObject({
      heartbeat: { interval: "20s", lostThreshold: 5 },
      rservice: { pop3: { interval: "30s", timeout: "5s", retries: 3 } },
    });
    expect(noteLines(r).join("\n")).toMatch(
      /warning 3 rservice pop: the 3\.0 MR4 reference gives the check interval in seconds/,
    );
  });

  it("7.0 hard-drives-check without local-hd: default check, warned (D6)", () => {
    const r = imp(ha("set mode primary", "set hard-drives-check enable"));
    expect(r.raw.ha).toMatchObject({ lservice: { hd: { interval: "10s", retries: 3 } } });
    expect(noteLines(r).join("\n")).toMatch(
      /hard-drives-check is on but 'config service' has no local-hd entry/,
    );
  });

  it("4.x–6.x words: the family is guessed and said", () => {
    const r = imp(ha("set mode slave", "set on-failure restore"));
    expect(r.raw.nodes).toMatchObject([{ mode: "slave" }, { mode: "master" }]);
    expect(r.raw.policies).toEqual(["restore"]);
    expect(noteLines(r).join("\n")).toMatch(/FortiMail 4\.x–6\.x assumed/);
  });

  it("names come from config system global hostname, made valid", () => {
    const r = imp(
      `config system global\n  set hostname "mail gw#1"\nend\n${ha("set mode primary")}`,
    );
    expect(r.raw.nodes).toEqual([
      { name: "mail-gw-1", mode: "master" },
      { name: "B", mode: "slave" },
    ]);
  });
});

describe("two units' configurations", () => {
  const primary = ha(
    "set mode primary",
    "set on-failure become-secondary",
    "set hb-lost-threshold 15",
    "set mailqueue-data-sync enable",
    "config service",
    "edit local-ports",
    "set status enable",
    "set check-interval 5",
    "set retries 2",
    "next",
    "end",
  );
  const secondary = ha(
    "set mode secondary",
    "set on-failure restore-role",
    "set hb-lost-threshold 20",
    "config service",
    "edit remote-smtp",
    "set status enable",
    "next",
    "end",
  );

  it("takes each unit's mode from its own file and says which value governs (W7)", () => {
    const r = imp([secondary, primary]);
    expect(r.raw.nodes).toEqual([
      { name: "A", mode: "slave" },
      { name: "B", mode: "master" },
    ]);
    expect(r.raw.ha).toMatchObject({
      // Detection and probes: the secondary's. Local checks: the primary's.
      heartbeat: { interval: "5s", lostThreshold: 4 },
      rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } },
      lservice: { ports: { interval: "5s", retries: 2 } },
      // Queue backup counts only when enabled on both.
      mailQueueSync: { enabled: false },
    });
    // on-failure: the primary's.
    expect(r.raw.policies).toEqual(["slave"]);
    const lines = noteLines(r).join("\n");
    expect(lines).toMatch(
      /the units disagree on the heartbeat timing: a\.conf:4 'set hb-lost-threshold 20' and b\.conf:4 'set hb-lost-threshold 15'; the first is used/,
    );
    expect(lines).toMatch(
      /the units disagree on on-failure: b\.conf:3 'set on-failure become-secondary' and a\.conf:3 'set on-failure restore-role'/,
    );
    expect(lines).toMatch(
      /the units disagree on mailqueue-data-sync: .* it counts only when enabled on both, so it is off/,
    );
    expect(lines).toMatch(/the units disagree on the remote service probes/);
    expect(lines).toMatch(/the units disagree on the local checks/);
    // Warnings also go into the description.
    expect(String(r.raw.description)).toMatch(
      /warning: a\.conf:4: the units disagree on the heartbeat timing/,
    );
  });

  it("agreeing units give no disagreement", () => {
    const r = imp([primary, primary.replace("set mode primary", "set mode secondary")]);
    expect(noteLines(r).join("\n")).not.toMatch(/disagree/);
  });
});

describe("passwords", () => {
  it("never appear in the scenario, the comments or the notes", () => {
    const secret = "S3cr3t-value-XYZ";
    for (const text of [
      ha("set mode primary", `set password "${secret}"`),
      ha("set mode primary", `set password ENC ${secret}`),
      ha("set mode primary", `set password ${secret}`),
      `set system ha mode master\nset system ha passwd ${secret}\n`,
    ]) {
      const r = imp(text);
      expect(r.yaml).not.toContain(secret);
      expect(JSON.stringify(r.raw)).not.toContain(secret);
      expect(r.notes.map(formatNote).join("\n")).not.toContain(secret);
      expect(r.yaml).toMatch(/(password|passwd) \(not shown\)/);
    }
  });

  it("the fixtures' passwords are not copied", () => {
    expect(imp(fixture("ex-7.1-30-master.conf")).yaml).not.toContain("Sup3rS3cret");
    expect(imp(fixture("ex-7.4-76-members.conf")).yaml).not.toContain("s3cret");
  });
});
