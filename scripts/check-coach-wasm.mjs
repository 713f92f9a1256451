// Proves a coach WebAssembly module is current: for every labelled example (and a few awkward
// texts), the module's answer in the batch format is byte-for-byte the answer of
// `kintsugi coach --jsonl` from this checkout.
//
//   node scripts/check-coach-wasm.mjs [module, default crates/kintsugi-web/static/coach.wasm] [kintsugi binary]
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const modulePath = process.argv[2] || "crates/kintsugi-web/static/coach.wasm";
const binary = process.argv[3] || "target/debug/kintsugi";

const lines = [];
const tsv = readFileSync("crates/kintsugi-coach/tests/data/dev_examples.tsv", "utf8");
for (const row of tsv.split("\n").slice(1)) {
  const [kind, , text] = row.split("\t");
  if (text) lines.push(JSON.stringify({ id: lines.length, kind, text }));
}
const awkward = [
  "",
  "   ",
  "You’re “always” late — and I’m done!!!",
  "I'm sorry if you were upset, but you made me do it.",
  "Tu ne m'écoutes jamais.",
  "You never listen. ".repeat(40),
  "I felt threatened when he grabbed my arm.",
  "Give me your phone password and share your location at all times.",
];
for (const text of awkward) lines.push(JSON.stringify({ id: lines.length, kind: "message", text }));
lines.push("not json", JSON.stringify({ id: "no-text" }), JSON.stringify({ id: 9, kind: "poem", text: "hi" }));

const cli = spawnSync(binary, ["coach", "--jsonl"], { input: lines.join("\n") + "\n", encoding: "utf8" });
if (cli.status !== 0) throw new Error(`kintsugi coach --jsonl failed: ${cli.stderr}`);
const expected = cli.stdout.trimEnd().split("\n");

const { instance } = await WebAssembly.instantiate(readFileSync(modulePath), {});
const { memory, input, batch, output } = instance.exports;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
function answer(line) {
  const bytes = encoder.encode(line);
  const at = input(bytes.length);
  new Uint8Array(memory.buffer, at, bytes.length).set(bytes);
  const len = batch();
  return decoder.decode(new Uint8Array(memory.buffer, output(), len));
}

// Blank lines are skipped by the command line, so compare only the lines it answers.
const asked = lines.filter((l) => l.trim() !== "");
let differ = 0;
asked.forEach((line, i) => {
  const got = answer(line);
  if (got !== expected[i]) {
    differ += 1;
    if (differ <= 5) console.error(`differs on ${line}\n  module: ${got}\n  native: ${expected[i]}`);
  }
});
if (expected.length !== asked.length) throw new Error(`${expected.length} answers for ${asked.length} lines`);
if (differ) {
  console.error(`${differ} of ${asked.length} answers differ: rebuild with scripts/build-coach-wasm.sh`);
  process.exit(1);
}
console.log(`${modulePath}: the same answers as kintsugi coach --jsonl on all ${asked.length} lines`);
