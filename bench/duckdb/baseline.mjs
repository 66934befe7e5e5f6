// The DuckDB baseline (bench/README.md, "Baselines"): loads a data
// directory's CSVs into an in-memory DuckDB (load.sql) and scores BCS, CIS10
// and PDC_STA with the hand-written SQL of this folder; times the load and
// the queries (several runs of the queries on the loaded tables) and writes
// each member's flags in member_results.csv's columns.
//
//   node baseline.mjs --data DIR --codes FILE [--period YEAR] [--runs N]
//                     [--results FILE] [--threads N]
//
// --codes: the code sets bound to DIR's codes (measurec_bench_handwritten
// --codes). Run by bench/duckdb/run.sh, which installs @duckdb/node-api.
import { createRequire } from 'node:module';
import { readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

// @duckdb/node-api, installed by run.sh under MEASUREC_DUCKDB_MODULES (never in git).
const modules = process.env.MEASUREC_DUCKDB_MODULES ?? process.cwd();
const { DuckDBInstance } = await import(
  pathToFileURL(createRequire(join(modules, 'package.json')).resolve('@duckdb/node-api')).href);

const here = dirname(fileURLToPath(import.meta.url));
const args = { period: '2022', runs: '5' };
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.data || !args.codes) {
  console.error('usage: node baseline.mjs --data DIR --codes FILE [--period YEAR] [--runs N] [--results FILE] [--threads N]');
  process.exit(2);
}

// DATA.md column types; every other column is text.
const TYPES = {
  birth_date: 'DATE', death_date: 'DATE', start_date: 'DATE', end_date: 'DATE', date: 'DATE',
  onset_date: 'DATE', abatement_date: 'DATE', fill_date: 'DATE', days_supply: 'INTEGER',
  quantity: 'DOUBLE',
};
function header(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0].split(',');
}
function columns(file) {
  return '{' + header(join(args.data, file)).map((c) => `'${c}': '${TYPES[c] ?? 'VARCHAR'}'`).join(', ') + '}';
}
function sql(name) {
  return readFileSync(join(here, name), 'utf8')
    .replaceAll('${DATA}', args.data)
    .replaceAll('${CODES}', args.codes)
    .replace(/\$\{COLUMNS:([a-z.]+)\}/g, (_, f) => columns(f));
}
const seconds = (t0) => (performance.now() - t0) / 1000;
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(4)} min ${s[0].toFixed(4)} max ${s[s.length - 1].toFixed(4)}`;
};

const started = performance.now();
const db = await DuckDBInstance.create(':memory:', args.threads ? { threads: args.threads } : {});
const con = await db.connect();
await con.run(sql('load.sql'));
const loaded = seconds(started);
console.log(`load ${loaded.toFixed(4)} s`);
const ndc = await con.runAndReadAll(
  "SELECT count(*) FROM codesets WHERE system = 'NDC' AND set IN ('Statins', 'DementiaMedications')");
if (Number(ndc.getRows()[0][0]) !== 0) {
  console.error('baseline.mjs: a code set read on pharmacy fills holds NDCs, which load.sql does not normalise');
  process.exit(1);
}

await con.run(`SET VARIABLE mp_year = ${Number(args.period)}`);
const measures = [['BCS', 'bcs.sql'], ['CIS10', 'cis10.sql'], ['PDC_STA', 'pdc_sta.sql']];
const times = { all: [] };
let first = 0;
for (let r = 0; r < Number(args.runs); ++r) {
  const t0 = performance.now();
  await con.run(sql('common.sql'));
  for (const [id, file] of measures) {
    const t = performance.now();
    await con.run(sql(file));
    (times[id] ??= []).push(seconds(t));
  }
  times.all.push(seconds(t0));
  if (r === 0) first = seconds(started);
}
for (const [id] of measures) console.log(`queries ${id} ${spread(times[id])} s`);
console.log(`queries all ${spread(times.all)} s (${args.runs} runs)`);
console.log(`whole run (load + first queries) ${first.toFixed(4)} s`);
if (args.results) {
  await con.run(`COPY (SELECT * FROM result_bcs UNION ALL SELECT * FROM result_cis10
                       UNION ALL SELECT * FROM result_pdc_sta ORDER BY measure, member_id)
                 TO '${args.results}' (HEADER, DELIMITER ',')`);
}
