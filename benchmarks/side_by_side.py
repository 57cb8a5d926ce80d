#!/usr/bin/python3
"""Times Precis's compare arms and their PyTorch peers side by side, interleaved, and prints the ratios.

Every run is one fresh process training Fashion-MNIST (784-256-256-10, batch 128) for --epochs epochs: ours through
`precis-samples.jar compare --arms <arm>`, a peer through benchmarks/peers/run_bp.py or run_pc.py. Within each
repetition and thread count, the runs of a pair alternate (ours, peer, ours, peer, ...), so a ratio is taken from
runs a few seconds apart, under the same load. Seconds per epoch count training only, on both sides.

    /usr/bin/python3 benchmarks/side_by_side.py --threads 1,2 --reps 3 --pairs bp-sgd,bp-adam

Needs: `mvn -B -q package -DskipTests` (the samples jar), Fashion-MNIST in /usr/share/datasets/fashion-mnist, and
the peers laid out by benchmarks/peers/setup.sh (see benchmarks/README.md). Writes <out>/runs.jsonl (one line per
run, with the load average before it) and <out>/summary.json, and prints a Markdown table.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS_HARNESS = os.path.join(HERE, "peers")

# Our arm -> its peers: (label, harness script, arguments). The K-FAC peers run at the arm's periods where they can:
# Thrandis's KFAC has no factor period (with a moving average it updates the factors at every step), so against
# kfac-10-100 it does more work than ours (factors every step, inverses every 100).
PAIRS = {
    "bp-sgd": [("torch-sgd", "run_bp.py", ["--opt", "sgd"])],
    "bp-adam": [("torch-adam", "run_bp.py", ["--opt", "adam"])],
    "kfac-10-100": [
        ("ekfac-pytorch-kfac(1,100)", "run_bp.py", ["--opt", "kfac-thrandis", "--tinv", "100"]),
        ("kfac-pytorch(10,100)", "run_bp.py", ["--opt", "kfac-gpauloski", "--tcov", "10", "--tinv", "100"]),
        ("KFAC-Pytorch(10,100)", "run_bp.py", ["--opt", "kfac-alecwangcq", "--tcov", "10", "--tinv", "100"]),
    ],
    "kfac": [
        ("ekfac-pytorch-kfac(1,10)", "run_bp.py", ["--opt", "kfac-thrandis", "--tinv", "10"]),
        ("kfac-pytorch(1,10)", "run_bp.py", ["--opt", "kfac-gpauloski", "--tcov", "1", "--tinv", "10"]),
        ("KFAC-Pytorch(1,10)", "run_bp.py", ["--opt", "kfac-alecwangcq", "--tcov", "1", "--tinv", "10"]),
    ],
    "pc": [
        ("pypc(T=20)", "run_pc.py", ["--impl", "pypc", "--T", "20"]),
        ("PRECO(T=20)", "run_pc.py", ["--impl", "preco", "--T", "20"]),
        ("Torch2PC(T=20)", "run_pc.py", ["--impl", "torch2pc", "--T", "20"]),
    ],
}


def thread_env(threads):
    env = dict(os.environ)
    env.update(OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), BENCH_THREADS=str(threads),
               OMP_WAIT_POLICY="PASSIVE")
    return env


def children_cpu_seconds():
    """User plus system CPU seconds of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_ours(args, arm, threads):
    """Trains one arm in a fresh JVM; returns (seconds per epoch, test accuracy)."""
    with tempfile.TemporaryDirectory(prefix="side-by-side-") as out:
        command = ["java", "-Xmx" + args.xmx] + args.jvm_arg + ["-jar", args.jar, "compare", "--arms", arm,
                                                                  "--epochs", str(args.epochs), "--out", out]
        done = subprocess.run(command, env=thread_env(threads), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("%s failed (exit %d):\n%s" % (" ".join(command), done.returncode, done.stderr[-3000:]))
        with open(os.path.join(out, "results.json")) as f:
            result = json.load(f)["arms"][0]
    return statistics.mean(result["secondsPerEpoch"]), result["testAccuracy"]


def run_peer(args, script, peer_args, threads):
    """Trains one peer in a fresh Python; returns (seconds per epoch, test accuracy)."""
    command = [args.python, os.path.join(PEERS_HARNESS, script), "--epochs", str(args.epochs)] + peer_args
    env = thread_env(threads)
    env["PEERS"] = args.peers
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    lines = [l for l in done.stdout.splitlines() if l.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError("%s failed (exit %d):\n%s" % (" ".join(command), done.returncode, done.stderr[-3000:]))
    result = json.loads(lines[-1][len("RESULT "):])
    return result["s_per_epoch"], result["test_acc"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", default=",".join(PAIRS), help="our arms to time, each against its peers "
                        "(default: %(default)s)")
    parser.add_argument("--only-peers", default="", help="comma-separated peer labels or their prefixes to run "
                        "(e.g. pypc); default: every peer of each arm")
    parser.add_argument("--threads", default="1,2", help="thread counts, both sides (default: %(default)s)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of every run (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=1, help="epochs per run (default: %(default)s)")
    parser.add_argument("--jar", default=os.path.join(ROOT, "samples", "target", "precis-samples.jar"))
    parser.add_argument("--xmx", default="4g", help="heap of our JVMs (default: %(default)s)")
    parser.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option for our runs (repeatable)")
    parser.add_argument("--python", default="/usr/bin/python3", help="interpreter with Debian's python3-torch")
    parser.add_argument("--peers", default=os.environ.get("PEERS", os.path.expanduser("~/.cache/precis-peers")),
                        help="where setup.sh laid out the peers (default: $PEERS or %(default)s)")
    parser.add_argument("--out", default=os.path.join("results", "side-by-side-" + time.strftime("%Y%m%d-%H%M%S")))
    args = parser.parse_args()

    pairs = [p.strip() for p in args.pairs.split(",") if p.strip()]
    unknown = [p for p in pairs if p not in PAIRS]
    if unknown:
        sys.exit("unknown arm(s) %s; valid: %s" % (", ".join(unknown), ", ".join(PAIRS)))
    wanted = [w.strip() for w in args.only_peers.split(",") if w.strip()]
    peers_of = {arm: [p for p in PAIRS[arm] if not wanted or any(p[0].startswith(w) for w in wanted)]
                for arm in pairs}
    empty = [arm for arm in pairs if not peers_of[arm]]
    if empty:
        sys.exit("--only-peers %s leaves no peer for %s; peers: %s" % (args.only_peers, ", ".join(empty), ", ".join(
            p[0] for arm in empty for p in PAIRS[arm])))
    threads = [int(t) for t in args.threads.split(",")]
    if not os.path.isfile(args.jar):
        sys.exit("no %s: build it with mvn -B -q package -DskipTests" % args.jar)
    os.makedirs(args.out, exist_ok=True)
    runs_path = os.path.join(args.out, "runs.jsonl")

    runs = []
    for rep in range(args.reps):
        for n in threads:
            for arm in pairs:
                for label, script, peer_args in peers_of[arm]:
                    # ours, then the peer: each ratio from two neighbouring runs.
                    for side in ("ours", "peer"):
                        load = load_average()
                        cpu_before = children_cpu_seconds()
                        if side == "ours":
                            seconds, accuracy = run_ours(args, arm, n)
                        else:
                            seconds, accuracy = run_peer(args, script, peer_args, n)
                        # The whole process's CPU time (start-up, data loading and evaluation included): on a loaded
                        # machine it moves far less than wall seconds.
                        cpu = children_cpu_seconds() - cpu_before
                        run = dict(rep=rep, threads=n, arm=arm, peer=label, side=side, seconds_per_epoch=seconds,
                                   process_cpu_seconds=cpu,
                                   test_accuracy=accuracy, load_before=load, time=time.strftime("%H:%M:%S"))
                        runs.append(run)
                        with open(runs_path, "a") as f:
                            f.write(json.dumps(run) + "\n")
                        print("rep %d, %d thread(s), %-11s %-27s %-4s %6.2f s/epoch  %6.1f CPU s  acc %.4f  (load %.1f)"
                              % (rep + 1, n, arm, label, side, seconds, cpu, accuracy, load), file=sys.stderr,
                              flush=True)

    summary = []
    for n in threads:
        for arm in pairs:
            for label, _, _ in peers_of[arm]:
                ours = [r for r in runs if (r["threads"], r["arm"], r["peer"], r["side"]) == (n, arm, label, "ours")]
                peer = [r for r in runs if (r["threads"], r["arm"], r["peer"], r["side"]) == (n, arm, label, "peer")]
                ratios = [o["seconds_per_epoch"] / p["seconds_per_epoch"] for o, p in zip(ours, peer)]
                cpu_ratios = [o["process_cpu_seconds"] / p["process_cpu_seconds"] for o, p in zip(ours, peer)]
                summary.append(dict(
                    threads=n, arm=arm, peer=label,
                    ours_seconds=statistics.median(r["seconds_per_epoch"] for r in ours),
                    peer_seconds=statistics.median(r["seconds_per_epoch"] for r in peer),
                    ratio_median=statistics.median(ratios), ratio_min=min(ratios), ratio_max=max(ratios),
                    process_cpu_ratio_median=statistics.median(cpu_ratios),
                    ours_accuracy=statistics.median(r["test_accuracy"] for r in ours),
                    peer_accuracy=statistics.median(r["test_accuracy"] for r in peer)))
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(dict(epochs=args.epochs, reps=args.reps, jvm_args=args.jvm_arg, pairs=summary), f, indent=2)

    print("| threads | ours | peer | ours s/epoch | peer s/epoch | ours / peer (median, range) "
          "| process CPU time ours / peer | accuracy ours / peer |")
    print("|---|---|---|---|---|---|---|---|")
    for s in summary:
        print("| %d | `%s` | %s | %.2f | %.2f | **%.2f** (%.2f-%.2f) | %.2f | %.3f / %.3f |"
              % (s["threads"], s["arm"], s["peer"], s["ours_seconds"], s["peer_seconds"], s["ratio_median"],
                 s["ratio_min"], s["ratio_max"], s["process_cpu_ratio_median"], s["ours_accuracy"],
                 s["peer_accuracy"]))
    print("\nmedians of %d repetition(s), %d epoch(s) per run; raw runs in %s" % (args.reps, args.epochs, runs_path))


if __name__ == "__main__":
    main()
