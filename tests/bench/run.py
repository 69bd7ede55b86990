#!/usr/bin/python3
# Runs the libsegment vs DuckDB comparison (`make bench`): same generated files,
# same run, medians by phase, peak RSS per process, a class-count check, a table.
"""Usage: run.py [--build DIR] [--sizes "S M"] [--runs N] [--runs-large N]
                 [--threads "1 2"] [--stream-rows N] [--stream-customers N]
                 [--quiet-cores C] [--quiet-timeout S]
Before each run it waits (up to S seconds) until other processes use under C
cores, and it reports the cores they used during the runs.
Environment defaults: BENCH_SIZES, BENCH_RUNS, BENCH_STREAM_ROWS (0 skips the
streamed run). DUCKDB_MODULES is the node_modules directory of @duckdb/node-api
[BUILD/node_modules]."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = {"S": (1_000_000, 50_000), "M": (10_000_000, 500_000), "L": (50_000_000, 2_000_000)}
PHASES = ["load", "analysis", "write", "e2e"]


def busy_seconds():
    """CPU seconds the whole machine spent busy so far (all cores, /proc/stat)."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


WAIT = {"limit": 0.3, "timeout": 120}  # quiet-machine wait before each run
LAST = {}  # CPU figures of the last spawn: the child's own and everyone else's


def spawn(argv, env=None, stdin=None):
    """Run a child to the end; return (stdout, wall seconds, peak RSS KiB).
    LAST gets its CPU time and the CPU time other processes took meanwhile
    (the machine is shared: that is the contention behind a slow run)."""
    t0, b0 = time.monotonic(), busy_seconds()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=stdin, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} failed with {proc.returncode}")
    wall, cpu = time.monotonic() - t0, usage.ru_utime + usage.ru_stime
    LAST.update(cpu=cpu, foreign=max(0.0, busy_seconds() - b0 - cpu) / wall)
    return out.decode(), wall, usage.ru_maxrss


def wait_quiet(limit, timeout):
    """Wait (up to timeout seconds) until other processes use under limit cores,
    sampled over 2 s; say so loudly when the machine stays busy."""
    t0 = time.monotonic()
    while True:
        b0 = busy_seconds()
        time.sleep(2)
        load = (busy_seconds() - b0) / 2
        if load < limit or time.monotonic() - t0 > timeout:
            break
    if load >= limit:
        print(f"!!! WARNING: other processes use {load:.2f} cores; timings will be slower",
              file=sys.stderr, flush=True)
    return load


def generate(build, size):
    path = os.path.join(build, f"bench-{size}.csv")
    if not os.path.exists(path):
        t0 = time.monotonic()
        spawn([os.path.join(build, "tests/bench/gen_orders"), size, path + ".tmp"])
        os.rename(path + ".tmp", path)
        print(f"generated {path} ({os.path.getsize(path) / 1e6:.0f} MB) in "
              f"{time.monotonic() - t0:.1f} s", flush=True)
    return path


def one_run(build, env, data, threads):
    """One repetition of every contender: libsegment from CSV, libsegment from
    columns in memory, DuckDB; each its own process (for its peak RSS)."""
    job = os.path.join(build, "tests/bench/bench_job")
    lib_out, duck_out = data + f".lib{threads}.out.csv", data + f".duck{threads}.out.csv"
    res = {}
    for name, argv in (
            ("lib", [job, "csv", data, lib_out, str(threads)]),
            ("mem", [job, "mem", data, str(threads)]),
            ("duck", ["node", os.path.join(HERE, "duckdb_job.mjs"), "run", data, duck_out,
                      str(threads)])):
        out, _, rss = spawn(argv, env)
        res[name] = json.loads(out.strip().splitlines()[-1])
        res[name].update(rss=rss, **LAST)
    return res, lib_out, duck_out


def check(env, lib_out, duck_out, lib_share, duck_share):
    """Class counts and per-customer differences of the two outputs; loud on mismatch."""
    out, _, _ = spawn(["node", os.path.join(HERE, "duckdb_job.mjs"), "check", lib_out, duck_out],
                      env)
    c = json.loads(out)
    problems = [f"class counts of {col} differ: libsegment {c['lib'][col]} DuckDB {c['duck'][col]}"
                for col in c["lib"] if c["lib"][col] != c["duck"][col]]
    problems += [f"{n} customers differ in {col}" for col, n in c["mismatches"].items() if n]
    if abs(lib_share - duck_share) > 1e-9:
        problems.append(f"Pareto top-20 % share differs: {lib_share!r} vs {duck_share!r}")
    for p in problems:
        print(f"!!! MISMATCH: {p}", file=sys.stderr, flush=True)
    return {"counts": c["lib"], "mismatches": c["mismatches"], "problems": problems,
            "pareto_top_share": lib_share}


def median(runs, who, key):
    return statistics.median(r[who][key] for r in runs)


def summarise(size, threads, data, runs):
    rows, mb = runs[0]["lib"]["rows"], os.path.getsize(data) / 1e6
    lines = []
    for phase in PHASES:
        lines.append(dict(size=size, phase=phase, threads=threads, rows=rows, mb=mb,
                          lib=median(runs, "lib", phase), duck=median(runs, "duck", phase),
                          lib_cpu_phase=median(runs, "lib", "cpu_" + phase),
                          duck_cpu_phase=median(runs, "duck", "cpu_" + phase),
                          lib_rss=max(r["lib"]["rss"] for r in runs),
                          duck_rss=max(r["duck"]["rss"] for r in runs)))
    lines[-1].update(lib_cpu=median(runs, "lib", "cpu"), duck_cpu=median(runs, "duck", "cpu"),
                     foreign=statistics.median(max(r[k]["foreign"] for k in r) for r in runs))
    # libsegment fed columns already in memory vs DuckDB querying its loaded table
    lines.append(dict(size=size, phase="in-memory", threads=threads, rows=rows, mb=mb,
                      lib=median(runs, "mem", "e2e"), duck=median(runs, "duck", "analysis"),
                      lib_cpu_phase=median(runs, "mem", "cpu_e2e"),
                      duck_cpu_phase=median(runs, "duck", "cpu_analysis"),
                      lib_rss=max(r["mem"]["rss"] for r in runs),
                      duck_rss=max(r["duck"]["rss"] for r in runs)))
    return lines


def bench_size(build, env, size, threads_list, nruns):
    data = generate(build, size)
    lines, checks = [], {}
    for threads in threads_list:
        runs = []
        for i in range(nruns):
            if WAIT["limit"] > 0:
                wait_quiet(WAIT["limit"], WAIT["timeout"])
            res, lib_out, duck_out = one_run(build, env, data, threads)
            runs.append(res)
            print(f"  {size} threads={threads} run {i + 1}/{nruns}: libsegment "
                  f"{res['lib']['e2e']:.3f} s, in memory {res['mem']['e2e']:.3f} s, DuckDB "
                  f"{res['duck']['e2e']:.3f} s; other processes used "
                  f"{max(res[k]['foreign'] for k in res):.2f} cores", flush=True)
        checks[threads] = check(env, lib_out, duck_out, runs[-1]["lib"]["pareto_top_share"],
                                runs[-1]["duck"]["pareto_top_share"])
        lines += summarise(size, threads, data, runs)
        checks[threads]["lib_phases"] = {p: median(runs, "lib", p) for p in PHASES}
        checks[threads]["mem_phases"] = {p: median(runs, "mem", p) for p in ("load", "analysis")}
    return lines, checks


def stream_run(build, rows, customers, threads=2):
    """The generator piped into a stream load: peak RSS should follow customers, not rows."""
    gen = subprocess.Popen([os.path.join(build, "tests/bench/gen_orders"), str(rows),
                            str(customers), "7", "-"], stdout=subprocess.PIPE)
    out, wall, rss = spawn([os.path.join(build, "tests/bench/bench_job"), "stream", str(threads)],
                           stdin=gen.stdout)
    gen.stdout.close()
    gen.wait()
    r = json.loads(out)
    return dict(rows=r["rows"], customers=r["customers"], orders=r["orders"], cells=r["cells"],
                wall=wall, load=r["load"],
                analysis=r["analysis"], rss=rss, dataset_bytes=r["dataset_bytes"])


def fmt_time(s):
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def print_table(lines):
    print("| size | phase | threads | libsegment | DuckDB | DuckDB / libsegment | "
          "libsegment rows/s | libsegment MB/s | DuckDB rows/s | DuckDB MB/s | "
          "peak RSS libsegment | peak RSS DuckDB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for x in lines:
        print(f"| {x['size']} | {x['phase']} | {x['threads']} | {fmt_time(x['lib'])} | "
              f"{fmt_time(x['duck'])} | {x['duck'] / x['lib']:.2f} | "
              f"{x['rows'] / x['lib'] / 1e6:.2f} M | {x['mb'] / x['lib']:.0f} | "
              f"{x['rows'] / x['duck'] / 1e6:.2f} M | {x['mb'] / x['duck']:.0f} | "
              f"{x['lib_rss'] / 1024:.0f} MiB | {x['duck_rss'] / 1024:.0f} MiB |")


def print_cpu(lines):
    print("\n| size | phase | threads | libsegment CPU | DuckDB CPU | DuckDB / libsegment |")
    print("|---|---|---|---|---|---|")
    for x in lines:
        print(f"| {x['size']} | {x['phase']} | {x['threads']} | {fmt_time(x['lib_cpu_phase'])} | "
              f"{fmt_time(x['duck_cpu_phase'])} | {x['duck_cpu_phase'] / x['lib_cpu_phase']:.2f} |")
    print("\n| size | threads | libsegment process CPU | DuckDB process CPU | "
          "cores used by other processes (median of runs) |")
    print("|---|---|---|---|---|")
    for x in lines:
        if "lib_cpu" in x:
            print(f"| {x['size']} | {x['threads']} | {fmt_time(x['lib_cpu'])} | "
                  f"{fmt_time(x['duck_cpu'])} | {x['foreign']:.2f} |")


def print_stream(streams):
    print("\n| streamed rows | customers | orders | (customer, month) cells | wall | load | "
          "analysis | rows/s | peak RSS | dataset |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in streams:
        print(f"| {s['rows'] / 1e6:.0f} M | {s['customers'] / 1e6:.2f} M | {s['orders'] / 1e6:.1f} M | "
              f"{s['cells'] / 1e6:.1f} M | {fmt_time(s['wall'])} | "
              f"{fmt_time(s['load'])} | {fmt_time(s['analysis'])} | "
              f"{s['rows'] / s['load'] / 1e6:.2f} M | {s['rss'] / 1024:.0f} MiB | "
              f"{s['dataset_bytes'] / 2**20:.0f} MiB |")


def print_checks(all_checks):
    print()
    for size, per_threads in all_checks.items():
        for threads, c in per_threads.items():
            verdict = "all equal" if not c["problems"] else f"{len(c['problems'])} MISMATCHES"
            counts = c["counts"]
            print(f"check {size} threads={threads}: {verdict}; lifecycle {counts['lifecycle']}, "
                  f"ABC {counts['abc']}, XYZ {counts['xyz']}, R {counts['r']}, "
                  f"Pareto top-20 % share {c['pareto_top_share']:.6f}")
            lp, mp = c["lib_phases"], c["mem_phases"]
            print(f"  libsegment phases: CSV load {lp['load']:.3f} s, analysis "
                  f"{lp['analysis']:.3f} s, write {lp['write']:.3f} s; bulk API load "
                  f"{mp['load']:.3f} s, analysis {mp['analysis']:.3f} s")


def options():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--build", default="build-bench")
    p.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "S M"))
    p.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    p.add_argument("--runs-large", type=int, default=int(os.environ.get("BENCH_RUNS_L", "3")))
    p.add_argument("--threads", default="1 2")
    p.add_argument("--stream-rows", type=int,
                   default=int(os.environ.get("BENCH_STREAM_ROWS", "200000000")))
    p.add_argument("--stream-customers", type=int,
                   default=int(os.environ.get("BENCH_STREAM_CUSTOMERS", "2000000")))
    p.add_argument("--quiet-cores", type=float, default=0.3,
                   help="before each run wait until others use fewer cores (0: never wait)")
    p.add_argument("--quiet-timeout", type=float, default=120)
    return p.parse_args()


def main():
    o = options()
    WAIT.update(limit=o.quiet_cores, timeout=o.quiet_timeout)
    build = os.path.abspath(o.build)
    env = dict(os.environ, DUCKDB_MODULES=os.environ.get("DUCKDB_MODULES",
                                                         os.path.join(build, "node_modules")))
    lines, all_checks = [], {}
    for size in o.sizes.split():
        if size not in SIZES:
            sys.exit(f"bench: unknown size {size} (S, M, L)")
        runs = o.runs_large if size == "L" else o.runs
        print(f"== {size}: {SIZES[size][0]:,} rows, {SIZES[size][1]:,} customers, "
              f"median of {runs} runs", flush=True)
        size_lines, all_checks[size] = bench_size(build, env, size,
                                                  [int(t) for t in o.threads.split()], runs)
        lines += size_lines
    streams = []
    if o.stream_rows > 0:
        for rows in (o.stream_rows // 4, o.stream_rows):
            if WAIT["limit"] > 0:
                wait_quiet(WAIT["limit"], WAIT["timeout"])
            print(f"== stream: {rows:,} rows, {o.stream_customers:,} customers", flush=True)
            streams.append(stream_run(build, rows, o.stream_customers))
    print()
    print_table(lines)
    print_cpu(lines)
    if streams:
        print_stream(streams)
    print_checks(all_checks)
    name = "bench-results-" + "".join(o.sizes.split()) + ".json"
    with open(os.path.join(build, name), "w") as f:
        json.dump({"lines": lines, "checks": all_checks, "streams": streams}, f, indent=1)
    return 1 if any(c["problems"] for pt in all_checks.values() for c in pt.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
