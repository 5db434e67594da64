import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { importOptional, isMissingModule } from "../../src/cli/optional-module.js";
import { tempDir } from "./helpers.js";

describe("optional modules", () => {
  it("returns null for a module that does not exist (vite's resolver)", async () => {
    expect(await importOptional((s) => import(s), "./no-such-command.js", "cli/no-such-command.js")).toBeNull();
  });

  it("returns null for a missing file by URL (Node's resolver) and the module when it exists", async () => {
    const dir = tempDir();
    const url = pathToFileURL(join(dir, "commands", "fuzz.js")).href;
    expect(await importOptional((s) => import(s), url, "commands/fuzz.js")).toBeNull();
    mkdirSync(join(dir, "commands"));
    writeFileSync(join(dir, "commands", "fuzz.js"), "export default { command: 'fuzz' };\n");
    const mod = await importOptional((s) => import(s), url, "commands/fuzz.js");
    expect((mod?.["default"] as { command: string }).command).toBe("fuzz");
  });

  it("does not hide a missing dependency of a module that exists", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "commands"));
    writeFileSync(join(dir, "commands", "report.js"), "import 'hasim-no-such-package';\nexport default {};\n");
    const url = pathToFileURL(join(dir, "commands", "report.js")).href;
    await expect(importOptional((s) => import(s), url, "commands/report.js")).rejects.toThrow(/hasim-no-such-package/);
  });

  it("recognises Node's and vite's messages", () => {
    expect(isMissingModule(new Error("Cannot find module '/x/dist/src/cli/commands/fuzz.js' imported from /x/a.js"), "commands/fuzz.js")).toBe(true);
    expect(isMissingModule(new Error("Failed to load url ./fuzz.js (resolved id: ./fuzz.js) in /x/index.ts"), "commands/fuzz.js")).toBe(true);
    expect(isMissingModule(new Error("Cannot find package 'vega' imported from /x/commands/report.js"), "commands/report.js")).toBe(false);
  });
});
