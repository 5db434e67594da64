/**
 * What hasim does not model, and input that is not a configuration, is refused with one line
 * `FILE:LINE: why` (never a password), and nothing else is produced.
 */
import { describe, expect, it } from "vitest";
import { ConfigImportError, MAX_CONFIG_CHARS } from "../../src/import/index.js";
import { imp, thrown } from "./helpers.js";

const ha74 = (body: string): string =>
  `config system ha\n    set state enable\n    set type member\n${body}end\n`;

/** [name, one or two configurations, the line the refusal must be]. */
const CORPUS: readonly (readonly [string, readonly string[], RegExp])[] = [
  [
    "7.4 active-active",
    [ha74("    set mode active-active\n")],
    /^a\.conf:4: refused: HA mode 'active-active' is not modelled/,
  ],
  [
    "7.0 config-only (config-secondary)",
    ["config system ha\n  set mode config-secondary\nend\n"],
    /^a\.conf:2: refused: HA mode 'config-secondary' is a config-only cluster/,
  ],
  [
    "5.x config-only (config-master)",
    ["config system ha\n  set mode config-master\nend\n"],
    /^a\.conf:2: refused: HA mode 'config-master' is a config-only cluster/,
  ],
  [
    "3.0 config-only (config master)",
    ["set system ha mode config master\n"],
    /^a\.conf:1: refused: HA mode 'config master' is a config-only cluster/,
  ],
  [
    "3.0 cpeer",
    ["set system ha mode master\nset system ha cpeer 1 10.0.0.9\n"],
    /^a\.conf:2: refused: 'cpeer' lists the peers of a config-only cluster/,
  ],
  [
    "7.0 HA off",
    ["config system ha\n  set mode off\nend\n"],
    /^a\.conf:2: refused: HA is off on this unit/,
  ],
  ["3.0 HA off", ["set system ha mode off\n"], /^a\.conf:1: refused: HA is off on this unit/],
  [
    "7.4 state disable",
    ["config system ha\n  set state disable\nend\n"],
    /^a\.conf:2: refused: HA is off on this unit \(state disable\)/,
  ],
  [
    "7.0 no mode at all",
    ["config system ha\n  set hb-lost-threshold 15\nend\n"],
    /^a\.conf:1: refused: no 'set mode'/,
  ],
  [
    "three members",
    [
      ha74(
        "    config member\n        edit m1\n set role primary\n next\n edit m2\n next\n edit m3\n next\n    end\n",
      ),
    ],
    /^a\.conf:10: refused: active-passive HA has exactly two units; found 3 members/,
  ],
  [
    "two primaries in one file",
    [
      ha74(
        "    config member\n edit a\n set role primary\n next\n edit b\n set role primary\n next\n end\n",
      ),
    ],
    /^a\.conf:9: refused: two units are configured as primary \('a' and 'b'\)/,
  ],
  [
    "two primaries in two files",
    ["config system ha\n set mode primary\nend\n", "config system ha\n set mode master\nend\n"],
    /^b\.conf:2: refused: both units are configured as primary \(a\.conf and b\.conf\)/,
  ],
  [
    "group HA (type)",
    ["config system ha\n set type group\nend\n"],
    /^a\.conf:2: refused: group HA/,
  ],
  [
    "group HA (config group)",
    [ha74("  config group\n    edit g1\n    next\n  end\n")],
    /^a\.conf:5: refused: group HA .*group 'g1'/,
  ],
  [
    "unterminated config",
    ["config system ha\n  set mode primary\n  config service\n    edit remote-smtp\n    next\n"],
    /^a\.conf:3: 'config service' is never closed \(expected 'end' before the end of the file\)$/,
  ],
  [
    "a set outside any block (block file)",
    [
      "config system global\n  set hostname x\nend\nset mode primary\nconfig system ha\n set mode primary\nend\n",
    ],
    /^a\.conf:4: 'set mode' outside any 'config' block; expected it inside 'config system ha'/,
  ],
  [
    "a pasted fragment (HA keys, no block)",
    ["set mode primary\nset hb-lost-threshold 15\n"],
    /^a\.conf:1: 'set mode' outside any 'config' block/,
  ],
  [
    "binary garbage",
    ["config system ha\n\u0000\u0001\u0002\u00ff\ufffd\n"],
    /^a\.conf:2: expected a FortiMail configuration \(text of 'show system ha' or a backup\), got binary data$/,
  ],
  [
    "undecodable bytes",
    ["\ufffd\ufffd\ufffd\u0003\u0004PK\u0005\u0006".repeat(50)],
    /^a\.conf:1: expected a FortiMail configuration .*got binary data$/,
  ],
  [
    "an unclosed quote",
    ['config system ha\n  set mode primary\n  set password "abc\nend\n'],
    /^a\.conf:3: expected a closing double quote, got the end of the file/,
  ],
  [
    "no HA at all",
    ["config system global\n  set hostname x\nend\n"],
    /^a\.conf:1: no HA configuration found/,
  ],
  ["empty file", [""], /^a\.conf:1: no HA configuration found/],
  [
    "get output",
    ["mode                : primary\nhb-lost-threshold   : 15\n"],
    /^a\.conf:1: this looks like 'get' output; export with 'show system ha'/,
  ],
  [
    "a bad value for a mapped key",
    ["config system ha\n set mode primary\n set hb-lost-threshold fast\nend\n"],
    /^a\.conf:3: hb-lost-threshold: expected whole seconds ≥ 1, got "fast"$/,
  ],
  [
    "a zero threshold",
    ["config system ha\n set mode primary\n set hb-lost-threshold 0\nend\n"],
    /^a\.conf:3: hb-lost-threshold: expected whole seconds ≥ 1, got "0"$/,
  ],
  [
    "3.0 monitor with four numbers",
    ["set system ha mode master\nset system ha monitor 20000 5 3 7\n"],
    /^a\.conf:2: monitor: expected <heartbeat_port> <heartbeat_time> <retries>, got 4 values$/,
  ],
  [
    "a stray next inside HA",
    ["config system ha\n set mode primary\n next\nend\n"],
    /^a\.conf:3: 'next' without an 'edit' entry to close$/,
  ],
  [
    "an enable flag with another word",
    ["config system ha\n set mode primary\n set mail-data-sync yes\nend\n"],
    /^a\.conf:3: mail-data-sync: expected enable or disable, got "yes"$/,
  ],
];

describe("refusals", () => {
  it.each(CORPUS)("%s", (_name, texts, pattern) => {
    let err: unknown;
    try {
      imp(texts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigImportError);
    const line = (err as ConfigImportError).format();
    expect(line).toMatch(pattern);
    expect(line).not.toContain("\n");
  });

  it("a file over the size limit is refused before it is read, naming its size", () => {
    const big = "#".repeat(MAX_CONFIG_CHARS + 1);
    expect(thrown(() => imp(big))).toMatch(
      /^a\.conf: expected a FortiMail configuration of at most 20 MB, got 20\.0 MB$/,
    );
  });

  it("a refusal never shows a password", () => {
    const secret = "Hunter2-do-not-print";
    for (const text of [
      `config system ha\n set password "${secret}\nend\n`,
      `config system ha\n set password ENC ${secret}\n set mode bogus\nend\n`,
      `set system ha passwd ${secret}\nset system ha mode off\n`,
    ])
      expect(thrown(() => imp(text))).not.toContain(secret);
  });
});
