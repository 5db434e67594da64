/** The CLI grammar: quoting, escapes, comments, continuation, line numbers, line endings. */
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/import/tokenize.js";
import { buildTree } from "../../src/import/tree.js";
import { Notes } from "../../src/import/notes.js";

const words = (text: string): string[][] => tokenize(text, "x").map((s) => [...s.words]);

describe("tokenize", () => {
  it("splits on spaces and tabs, ignores indentation and trailing blanks", () => {
    expect(words("\t  set  hb-lost-threshold\t20   \n")).toEqual([
      ["set", "hb-lost-threshold", "20"],
    ]);
  });

  it('reads double and single quotes, with \\" and \\\\ escapes in double quotes', () => {
    expect(words('edit "port 1"\nset comment \'a "b"\'\nset x "q\\"uote\\\\d"\n')).toEqual([
      ["edit", "port 1"],
      ["set", "comment", 'a "b"'],
      ["set", "x", 'q"uote\\d'],
    ]);
    expect(words('set comment ""\n')).toEqual([["set", "comment", ""]]);
  });

  it("treats a leading # as a comment (headers too), a later or quoted # as data", () => {
    expect(
      words(
        '#config-version=FML-7.2:opmode=0\n  # note\nset comment "rack 4 # spare"\nset a b#c\n',
      ),
    ).toEqual([
      ["set", "comment", "rack 4 # spare"],
      ["set", "a", "b#c"],
    ]);
  });

  it("joins a line ending in a backslash, reads \\␠ as a space, keeps other backslashes", () => {
    expect(words("set a one \\\n two\nset b x\\ y\nset c C:\\dir\n")).toEqual([
      ["set", "a", "one", "two"],
      ["set", "b", "x y"],
      ["set", "c", "C:\\dir"],
    ]);
  });

  it("keeps multi-line quoted values (certificates) and counts their lines", () => {
    const s = tokenize('set cert "-----BEGIN\nAAA\n-----END"\nset after 1\n', "x");
    expect(s[0]!.words[2]).toBe("-----BEGIN\nAAA\n-----END");
    expect(s[1]!.line).toBe(4);
  });

  it("accepts CRLF, CR and a byte-order mark, numbering lines the same", () => {
    for (const text of [
      "\uFEFFconfig system ha\r\n set mode primary\r\nend\r\n",
      "config system ha\r set mode primary\rend\r",
    ]) {
      const s = tokenize(text, "x");
      expect(s.map((x) => [x.line, ...x.words])).toEqual([
        [1, "config", "system", "ha"],
        [2, "set", "mode", "primary"],
        [3, "end"],
      ]);
    }
  });
});

describe("block tree", () => {
  it("skips other blocks, warns about a stray end outside HA, and merges a block given twice", () => {
    const notes = new Notes();
    const t = buildTree(
      tokenize(
        "config system dns\n set primary 1.1.1.1\nend\nend\nconfig system ha\n set a 1\nend\nconfig system ha\n set b 2\nend\n",
        "x",
      ),
      "x",
      notes,
    );
    expect([...t.blocks.keys()]).toEqual(["system dns", "system ha"]);
    expect([...t.blocks.get("system ha")!.fields.keys()]).toEqual(["a", "b"]);
    expect(notes.list.map((n) => `${n.at?.line} ${n.message}`)).toEqual([
      "4 'end' without a 'config' block to close; ignored",
    ]);
  });

  it("keeps no password value, whatever follows the key", () => {
    const t = buildTree(
      tokenize("config system ha\n set password ENC abc==\nend\nset system ha passwd xyz\n", "x"),
      "x",
      new Notes(),
    );
    const pw = t.blocks.get("system ha")!.fields.get("password")!;
    expect(pw.args).toEqual([]);
    expect(pw.text).toBe("set password (not shown)");
    expect(t.topSets[0]!.args).toEqual(["ha", "passwd"]);
    expect(t.topSets[0]!.text).toBe("set system ha passwd (not shown)");
  });
});
