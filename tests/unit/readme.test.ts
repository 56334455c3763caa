// The README's code blocks, in the fast lane (no engine, no build): every fenced block of README.md is either
// exercised — preceded by `<!-- exercised: <file>[, <file>] -->`, a TypeScript block being a verbatim excerpt of
// one of those files, each shell command appearing in one of them (`make <target>` naming a Makefile target) — or
// marked `<!-- illustrative -->`. The engine-driven examples themselves run in tests/e2e/examples.test.ts.
import * as fs from "fs";
import * as path from "path";
import { findRepoRoot } from "../../scripts/engine-workspace";

const repoRoot = findRepoRoot(__dirname);

describe("README code blocks", () => {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

  /** Each fenced block with the marker comment on the closest non-empty line above it. */
  function blocks(): { line: number; lang: string; body: string; marker: string }[] {
    const lines = readme.split("\n");
    const found: { line: number; lang: string; body: string; marker: string }[] = [];
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(\S*)\s*$/.exec(lines[i]);
      if (!open) continue;
      let j = i + 1;
      while (j < lines.length && !/^```\s*$/.test(lines[j])) j++;
      let k = i - 1;
      while (k >= 0 && lines[k].trim() === "") k--;
      found.push({ line: i + 1, lang: open[1], body: lines.slice(i + 1, j).join("\n"), marker: k >= 0 ? lines[k].trim() : "" });
      i = j;
    }
    return found;
  }

  it("has code blocks", () => {
    expect(blocks().length).toBeGreaterThan(0);
  });

  it("marks every code block as exercised by a named file, or as illustrative", () => {
    const makefile = fs.readFileSync(path.join(repoRoot, "Makefile"), "utf8");
    const problems: string[] = [];
    for (const block of blocks()) {
      if (block.marker === "<!-- illustrative -->") continue;
      const exercised = /^<!-- exercised: (.+) -->$/.exec(block.marker);
      if (!exercised) {
        problems.push(`README.md:${block.line}: no <!-- exercised: <file> --> or <!-- illustrative --> above the block`);
        continue;
      }
      const sources = exercised[1].split(",").map((s) => s.trim());
      const texts = sources.map((s) => {
        const file = path.join(repoRoot, s);
        if (!fs.existsSync(file)) problems.push(`README.md:${block.line}: ${s} does not exist`);
        return fs.existsSync(file) ? normalize(fs.readFileSync(file, "utf8")) : "";
      });
      if (block.lang === "ts" || block.lang === "typescript") {
        // A TypeScript block is a verbatim excerpt of one of the named files (which the tests run).
        if (!texts.some((t) => t.includes(normalize(block.body)))) {
          problems.push(`README.md:${block.line}: the block is not an excerpt of ${sources.join(" or ")}`);
        }
        continue;
      }
      // A shell block: `make <target>` lines name Makefile targets; other commands appear in a named file.
      for (const raw of block.body.split("\n")) {
        const command = raw.replace(/\s+#.*$/, "").trim();
        if (command === "" || command.startsWith("#")) continue;
        const make = /^make ([\w-]+)$/.exec(command);
        if (make) {
          if (!new RegExp(`^${make[1]}:`, "m").test(makefile)) problems.push(`README.md:${block.line}: no make target ${make[1]}`);
        } else if (!texts.some((t) => t.includes(normalize(command)))) {
          problems.push(`README.md:${block.line}: "${command}" does not appear in ${sources.join(" or ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
