// Parses .tf files with HashiCorp's HCL library (through @cdktf/hcl2json, WebAssembly) for the
// differential parser test. Usage: node convert.js LIST_FILE > OUT.json
// LIST_FILE has one path per line; OUT.json maps each path to hcl2json's result, or to
// {"__error__": message} when HashiCorp's parser rejects the file.
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

async function main() {
  const files = fs.readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.length > 0);
  const out = {};
  for (const file of files) {
    try {
      out[file] = await parse(file, fs.readFileSync(file, "utf8"));
    } catch (e) {
      out[file] = { __error__: String(e && e.message ? e.message : e) };
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String(e) + "\n");
  process.exit(1);
});
