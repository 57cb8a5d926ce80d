#!/usr/bin/python3
"""Soak benchmark: trains each arm for many epochs, one fresh JVM per arm and one at a time, and reports how the
memory of the process moved after warm-up.

Every run is `precis-samples.jar compare --arms <arm>` with the given epochs (and --train-limit, if given); after
every epoch `compare` samples the memory of its own process into results.json (`residentMiBPerEpoch`, and
`memoryPerEpoch`: Java heap committed and after the last collection, ND4J arrays and workspaces, JavaCPP pointers).
The summary compares each figure after the last epoch, and its maximum after `--baseline-epoch`, with its value at
`--baseline-epoch` (default 2: the first epoch is warm-up).

The resident size (RSS) is what the operating system charges the process, but it cannot tell a leak from a JVM
still growing towards its limits: the heap is committed lazily up to -Xmx, and the C allocator keeps freed native
memory for reuse. Memory in use (heap after a collection, ND4J arrays and workspaces, JavaCPP pointers) is what grows
without bound in a leak; the table shows both.

    /usr/bin/python3 benchmarks/soak.py --jar /tmp/soak/precis-samples.jar --arms bp-adam,kfac --epochs 20 \
        --train-limit 15000 --out /tmp/soak/out --java-opt=-Xmx2g
    /usr/bin/python3 benchmarks/soak.py --summary --out /tmp/soak/out

Copy the jar and its lib/ elsewhere first (a rebuild rewrites them under a running JVM). An arm whose results.json
is complete is skipped, so the same command continues an interrupted soak. Prints a Markdown table and writes
<out>/summary.json; a run still training is shown with the epochs of its latest checkpoint.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import zipfile


def run_arm(args, arm):
    """Trains one arm in its own JVM unless its results are complete; returns the exit status (0 when skipped)."""
    out = os.path.join(args.out, arm)
    results = os.path.join(out, "results.json")
    if os.path.exists(results) and json.load(open(results)).get("complete"):
        return 0
    command = ["java", *args.java_opt, "-jar", args.jar, "compare", "--arms", arm, "--epochs", str(args.epochs)]
    if args.train_limit:
        command += ["--train-limit", str(args.train_limit)]
    command += ["--resume", out] if os.path.exists(results) else ["--out", out]
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, arm + ".log"), "a") as log:
        log.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S%z')} load {os.getloadavg()} {' '.join(command)}\n")
        log.flush()
        return subprocess.call(command, stdout=log, stderr=subprocess.STDOUT, env=env)


def growth(values, baseline_index):
    """(baseline, last, maximum after the baseline, growth of that maximum in % of the baseline)."""
    base = values[baseline_index]
    peak = max(values[baseline_index + 1:])
    return base, values[-1], peak, 100.0 * (peak - base) / base


def in_progress(arm_dir):
    """The figures of the epochs done by a run still training, from its latest checkpoint, or None."""
    directory = os.path.join(arm_dir, "checkpoints")
    if not os.path.isdir(directory):
        return None
    for name in sorted(os.listdir(directory)):
        if name.endswith(".zip"):
            try:
                with zipfile.ZipFile(os.path.join(directory, name)) as checkpoint:
                    progress = json.loads(checkpoint.read("progress.json"))
            except (OSError, KeyError, zipfile.BadZipFile, ValueError):
                continue  # being replaced right now: the next summary will read it
            return dict(progress, name=os.path.basename(arm_dir) + " (in progress)", testAccuracy=float("nan"))
    return None


def summarise_arm(results, arm_dir, baseline_epoch):
    """The figures of one arm's run: finished, or still training (from its checkpoint); None before epoch 3."""
    arm = results["arms"][0] if results.get("arms") else in_progress(arm_dir)
    if arm is None:
        return None
    rss = arm["residentMiBPerEpoch"]
    memory = arm.get("memoryPerEpoch", [])
    b = baseline_epoch - 1
    if len(rss) <= baseline_epoch:
        return None
    row = {"arm": arm["name"], "epochs": len(rss), "testAccuracy": arm["testAccuracy"],
           "secondsPerEpoch": sum(arm["secondsPerEpoch"]) / len(arm["secondsPerEpoch"]),
           "rssFirst": rss[0]}
    row["rssBaseline"], row["rssLast"], row["rssPeak"], row["rssGrowthPercent"] = growth(rss, b)
    if len(memory) == len(rss):
        heap_committed = [m["heapCommittedMiB"] for m in memory]
        heap_after_gc = [m["heapAfterGcMiB"] for m in memory]
        native = [m["nd4jArraysMiB"] + m["nd4jWorkspacesMiB"] + m["javacppMiB"] for m in memory]
        outside_heap = [r - h for r, h in zip(rss, heap_committed)]
        for name, values in (("heapCommitted", heap_committed), ("heapAfterGc", heap_after_gc),
                             ("nativeInUse", native), ("rssOutsideHeap", outside_heap)):
            row[name + "Baseline"], row[name + "Last"], row[name + "Peak"], _ = growth(values, b)
    return row


def summary(args):
    rows = []
    for arm in sorted(os.listdir(args.out)):
        path = os.path.join(args.out, arm, "results.json")
        if os.path.isfile(path):
            row = summarise_arm(json.load(open(path)), os.path.join(args.out, arm), args.baseline_epoch)
            if row:
                rows.append(row)
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump({"baselineEpoch": args.baseline_epoch, "arms": rows}, f, indent=2)
    e = args.baseline_epoch
    print(f"| arm | epochs | s/epoch | RSS epoch 1 | RSS epoch {e} | RSS last | max RSS after epoch {e} | RSS growth "
          f"| heap committed epoch {e} → last | heap after GC epoch {e} → last | ND4J + JavaCPP native in use "
          f"epoch {e} → last | RSS outside the heap epoch {e} → last | test accuracy |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        cells = [f"`{r['arm']}`", str(r["epochs"]), f"{r['secondsPerEpoch']:.1f}", f"{r['rssFirst']:.0f}",
                 f"{r['rssBaseline']:.0f}", f"{r['rssLast']:.0f}", f"{r['rssPeak']:.0f}",
                 f"{r['rssGrowthPercent']:+.1f}%"]
        for name in ("heapCommitted", "heapAfterGc", "nativeInUse", "rssOutsideHeap"):
            cells.append(f"{r[name + 'Baseline']:.0f} → {r[name + 'Last']:.0f}" if name + "Last" in r else "n/a")
        cells.append(f"{r['testAccuracy']:.4f}")
        print("| " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jar", help="precis-samples.jar (with lib/ beside it), copied away from target/")
    parser.add_argument("--arms", default="bp-sgd,bp-adam,kfac,pc,pc-precision",
                        help="comma-separated arms, trained in this order (default: the standard five)")
    parser.add_argument("--epochs", type=int, default=20, help="epochs per arm (default: 20)")
    parser.add_argument("--train-limit", type=int, default=0,
                        help="training examples per epoch (default: 0, the whole training set)")
    parser.add_argument("--java-opt", action="append", default=[],
                        help="JVM option, repeatable, e.g. --java-opt=-Xmx2g (default: none)")
    parser.add_argument("--baseline-epoch", type=int, default=2,
                        help="epoch whose memory the growth is measured from (default: 2)")
    parser.add_argument("--out", required=True, help="output directory: one sub-directory per arm")
    parser.add_argument("--summary", action="store_true", help="only summarise the runs already in --out")
    args = parser.parse_args()
    if not args.summary:
        if not args.jar:
            parser.error("--jar is needed to train")
        for arm in args.arms.split(","):
            status = run_arm(args, arm)
            if status != 0:
                print(f"{arm}: compare exited with status {status}; see {args.out}/{arm}.log", file=sys.stderr)
    summary(args)


if __name__ == "__main__":
    main()
