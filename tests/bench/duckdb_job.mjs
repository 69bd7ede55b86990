// DuckDB's side of the libsegment comparison: the same job in SQL (load, analyse,
// write the per-customer CSV) timed by phase, and the class-count check of both outputs.
//
// Usage (DUCKDB_MODULES = a node_modules directory holding @duckdb/node-api):
//   node duckdb_job.mjs run FILE OUT THREADS     prints one JSON line of timings
//   node duckdb_job.mjs check LIB.csv DUCK.csv   prints one JSON line: counts, mismatches
// Every definition follows docs/analyses.md; where SQL needs care to match it,
// a comment says how.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const modules = process.env.DUCKDB_MODULES ?? 'build-bench/node_modules';
const require = createRequire(`${modules}/`);
const { DuckDBInstance } = require('@duckdb/node-api');

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

const LOAD = (file) => `
CREATE TABLE tx AS SELECT * FROM read_csv(${q(file)}, header = true, delim = ',',
  columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'order_id': 'BIGINT',
             'amount': 'DECIMAL(18,2)'})`;

// The default RFM segment table of docs/analyses.md, first matching rule wins.
const SEGMENT = `CASE
  WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'Champions'
  WHEN r >= 3 AND f >= 3 THEN 'Loyal'
  WHEN r <= 2 AND f >= 4 AND m >= 4 THEN 'Can''t lose them'
  WHEN r <= 2 AND f >= 3 THEN 'At risk'
  WHEN r = 5 AND f = 1 THEN 'New'
  WHEN r = 4 AND f = 1 THEN 'Promising'
  WHEN r >= 4 AND f = 2 THEN 'Potential loyalist'
  WHEN r = 3 AND f <= 2 AND m >= 3 THEN 'Need attention'
  WHEN r = 3 AND f <= 2 THEN 'About to sleep'
  WHEN r = 2 AND f <= 2 THEN 'Hibernating'
  WHEN r = 1 AND f <= 2 THEN 'Lost' END`;

// Money is summed exactly as DECIMAL and carried as BIGINT cents. Thresholds
// are compared as the library does: t to nine decimals, cum * 10^9 against
// T * t * 10^9 in 128-bit integers (HUGEINT).
const ANALYSIS = `
CREATE TABLE res AS
WITH as_of AS (SELECT max(date) AS d FROM tx),
-- XYZ window: the 12 complete months ending at the as-of date (the as-of
-- month itself only when the as-of date is its last day).
win AS (
  SELECT CASE WHEN d + 1 = date_trunc('month', d + 1) THEN date_trunc('month', d)::DATE
              ELSE (date_trunc('month', d) - INTERVAL 1 MONTH)::DATE END AS last_m
  FROM as_of),
win2 AS (SELECT (last_m - INTERVAL 11 MONTH)::DATE AS first_m, last_m,
                (last_m + INTERVAL 1 MONTH)::DATE AS end_x FROM win),
cust AS (
  SELECT customer_id,
         CAST(sum(amount) * 100 AS BIGINT) AS net,
         min(date) FILTER (WHERE amount > 0) AS first_p,
         max(date) FILTER (WHERE amount > 0) AS last_p,
         -- frequency = distinct order ids on purchase rows (every row has one)
         count(DISTINCT order_id) FILTER (WHERE amount > 0) AS freq,
         count(DISTINCT date) FILTER (WHERE amount > 0) AS pdays
  FROM tx GROUP BY customer_id),
buyers AS (
  SELECT c.*, as_of.d - c.last_p AS recency FROM cust c, as_of WHERE c.last_p IS NOT NULL),
rfm AS (
  -- NTILE(5) over buyers by goodness, ties by id (ids are fixed-width text,
  -- so byte order is the library's id order)
  SELECT customer_id,
         NTILE(5) OVER (ORDER BY recency DESC, customer_id) AS r,
         NTILE(5) OVER (ORDER BY freq, customer_id) AS f,
         NTILE(5) OVER (ORDER BY net, customer_id) AS m
  FROM buyers),
total AS (SELECT sum(net)::HUGEINT AS t, count(*) AS n FROM buyers WHERE net > 0),
nbuyers AS (SELECT count(*) AS n FROM buyers),
ranked AS (
  SELECT customer_id, net,
         row_number() OVER (ORDER BY net DESC, customer_id) AS abc_rank,
         sum(net) OVER (ORDER BY net DESC, customer_id ROWS UNBOUNDED PRECEDING) AS cum,
         -- metric of the better tie groups: smallest-set rule keeps ties together
         sum(net) OVER (ORDER BY net DESC RANGE UNBOUNDED PRECEDING)
           - net * count(*) OVER (PARTITION BY net) AS before_grp
  FROM buyers),
abc AS (
  SELECT r.customer_id, r.abc_rank, r.cum::DOUBLE / total.t::DOUBLE AS abc_share,
         CASE WHEN r.net <= 0 THEN 'C'
              WHEN r.before_grp::HUGEINT * 1000000000 < total.t * 800000000 THEN 'A'
              WHEN r.before_grp::HUGEINT * 1000000000 < total.t * 950000000 THEN 'B'
              ELSE 'C' END AS abc
  FROM ranked r, total),
months AS (
  SELECT tx.customer_id, date_trunc('month', tx.date)::DATE AS mon, sum(tx.amount)::DOUBLE AS amt
  FROM tx, win2 WHERE tx.date >= win2.first_m AND tx.date < win2.end_x GROUP BY 1, 2),
series AS (
  -- the series runs from the first purchase's month (or the window's start)
  -- to the window's end, months without rows counting 0; population std
  SELECT b.customer_id,
         greatest(date_diff('month', greatest(win2.first_m, date_trunc('month', b.first_p)::DATE),
                            win2.last_m) + 1, 0) AS n
  FROM buyers b, win2),
months_b AS (
  SELECT m.* FROM months m JOIN buyers b USING (customer_id)
  WHERE m.mon >= date_trunc('month', b.first_p)),
moments AS (
  SELECT s.customer_id, s.n, coalesce(sum(mb.amt), 0) / nullif(s.n, 0) AS mean
  FROM series s LEFT JOIN months_b mb USING (customer_id) GROUP BY s.customer_id, s.n),
xyz AS (
  -- two-pass variance; the n - k months without rows contribute mean^2 each
  SELECT mo.customer_id, mo.n, mo.mean,
         sqrt((coalesce(sum((mb.amt - mo.mean) ^ 2), 0) + (mo.n - count(mb.amt)) * mo.mean ^ 2)
              / nullif(mo.n, 0)) / mo.mean AS cv
  FROM moments mo LEFT JOIN months_b mb USING (customer_id) GROUP BY mo.customer_id, mo.n, mo.mean)
SELECT c.customer_id,
       CASE WHEN c.last_p IS NULL THEN 'prospect'
            WHEN as_of.d - c.last_p > 180 THEN 'churned' ELSE 'current' END AS lifecycle,
       as_of.d - c.last_p AS recency_days,
       c.freq AS frequency,
       (c.net / 100)::DECIMAL(18,2) AS monetary,
       rfm.r, rfm.f, rfm.m, 100 * rfm.r + 10 * rfm.f + rfm.m AS rfm,
       ${SEGMENT} AS rfm_segment,
       abc.abc,
       CASE WHEN c.last_p IS NULL THEN NULL
            WHEN xyz.n < 3 OR xyz.mean <= 0 THEN '-'
            WHEN xyz.cv <= 0.10 THEN 'X' WHEN xyz.cv <= 0.25 THEN 'Y' ELSE 'Z' END AS xyz,
       (c.net / 100)::DECIMAL(18,2) AS net_amount, c.freq AS orders, c.pdays AS purchase_days,
       c.first_p AS first_purchase, c.last_p AS last_purchase, as_of.d - c.first_p AS tenure_days,
       abc.abc_rank, abc.abc_share, xyz.cv AS xyz_cv, xyz.n AS xyz_periods
FROM cust c CROSS JOIN as_of
  LEFT JOIN rfm ON rfm.customer_id = c.customer_id
  LEFT JOIN abc ON abc.customer_id = c.customer_id
  LEFT JOIN xyz ON xyz.customer_id = c.customer_id`;

// Pareto: top floor(0.2 n) buyers (exact: n * 2·10^8 div 10^9) over T.
const PARETO = `
WITH b AS (SELECT greatest(net, 0) AS v FROM (
  SELECT CAST(sum(amount) * 100 AS BIGINT) AS net, max(date) FILTER (WHERE amount > 0) AS lp
  FROM tx GROUP BY customer_id) WHERE lp IS NOT NULL),
k AS (SELECT (count(*) * 200000000) // 1000000000 AS k, sum(v) AS t FROM b),
top AS (SELECT v, row_number() OVER (ORDER BY v DESC) AS i FROM b)
SELECT (SELECT coalesce(sum(v), 0) FROM top, k WHERE i <= k.k)::DOUBLE / (SELECT t FROM k)::DOUBLE AS share`;

async function scalar(con, sql) {
  const reader = await con.runAndReadAll(sql);
  return reader.getRows()[0][0];
}

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

// Wall seconds of one statement; its CPU seconds (all threads) go to cpu[key].
async function timed(con, sql, cpu, key) {
  const t0 = performance.now(), c0 = cpuNow();
  await con.run(sql);
  cpu[key] = cpuNow() - c0;
  return (performance.now() - t0) / 1000;
}

async function run(file, out, threads) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`SET threads = ${Number(threads)}`);
  const t = {}, c = {};
  const t0 = performance.now(), c0 = cpuNow();
  t.load = await timed(con, LOAD(file), c, 'cpu_load');
  t.analysis = await timed(con, ANALYSIS, c, 'cpu_analysis');
  t.pareto = await timed(con, `CREATE TABLE pareto AS ${PARETO}`, c, 'cpu_pareto');
  t.write = await timed(con, `COPY res TO ${q(out)} (HEADER, DELIMITER ',')`, c, 'cpu_write');
  t.e2e = (performance.now() - t0) / 1000;
  c.cpu_e2e = cpuNow() - c0;
  t.analysis += t.pareto;
  c.cpu_analysis += c.cpu_pareto;
  const rows = Number(await scalar(con, 'SELECT count(*) FROM tx'));
  const customers = Number(await scalar(con, 'SELECT count(*) FROM res'));
  const share = Number(await scalar(con, 'SELECT share FROM pareto'));
  console.log(JSON.stringify({ mode: 'duckdb', ...t, ...c, rows, customers,
    pareto_top_share: share }));
}

const CLASS_COLUMNS = ['lifecycle', 'abc', 'xyz', 'r', 'f', 'm', 'rfm', 'rfm_segment'];
const COMPARED = ['lifecycle', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm',
  'rfm_segment', 'abc', 'xyz'];

async function counts(con, table) {
  const result = {};
  for (const col of CLASS_COLUMNS) {
    const reader = await con.runAndReadAll(
      `SELECT coalesce(${col}, '(null)') AS v, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY 1`);
    result[col] = Object.fromEntries(reader.getRows().map(([v, n]) => [v, Number(n)]));
  }
  return result;
}

async function check(libFile, duckFile) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  for (const [name, file] of [['lib', libFile], ['duck', duckFile]])
    await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv(${q(file)}, header = true,
      all_varchar = true)`);
  // monetary is compared as a number: both write it at scale 2
  const diff = COMPARED.map((c) => c === 'monetary'
    ? `count(*) FILTER (WHERE a.monetary::DECIMAL(18,2) IS DISTINCT FROM b.monetary::DECIMAL(18,2)) AS monetary`
    : `count(*) FILTER (WHERE a.${c} IS DISTINCT FROM b.${c}) AS ${c}`).join(', ');
  const reader = await con.runAndReadAll(`SELECT count(*) FILTER (WHERE a.customer_id IS NULL
      OR b.customer_id IS NULL) AS unmatched, ${diff}
    FROM lib a FULL JOIN duck b ON a.customer_id = b.customer_id`);
  const mismatches = reader.getRowObjectsJson()[0];
  for (const k of Object.keys(mismatches)) mismatches[k] = Number(mismatches[k]);
  console.log(JSON.stringify({ lib: await counts(con, 'lib'), duck: await counts(con, 'duck'),
    mismatches }));
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'run' && args.length === 3) await run(...args);
else if (mode === 'check' && args.length === 2) await check(...args);
else {
  console.error('usage: duckdb_job.mjs run FILE OUT THREADS | check LIB.csv DUCK.csv');
  process.exit(2);
}
