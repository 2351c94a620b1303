#!/usr/bin/env bash
# The cost of seccomp: `run /bin/true` with and without the default profile (docker's and podman's list, as
# `nsinit spec --seccomp-default` writes it), nsinit vs runc vs crun on the same bundle, alternated in rotating order.
# Usage: bench/bench-seccomp.sh [N]   (root; needs out/LibContainer/nsinit, out/rootfs, runc, crun)
# Writes bench/seccomp.md: min/median/max per runtime and profile, ratios of the medians, and the filter's cost.
set -euo pipefail
N=${1:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
nsinit=${LIBCONTAINER_NSINIT:-$repo/out/LibContainer/nsinit}
rootfs=${LIBCONTAINER_ROOTFS:-$repo/out/rootfs}
[ -x "$nsinit" ] && [ -d "$rootfs" ] || { echo "bench: build first (dotnet pwsh ./build.ps1)" >&2; exit 1; }
command -v runc >/dev/null && command -v crun >/dev/null || { echo "bench: runc and crun are needed" >&2; exit 1; }

work=$(mktemp -d /tmp/nsinit-bench-seccomp.XXXXXX)
cleanup() {
  for rt in nsinit runc crun; do
    for d in "$work/root-$rt"/*/; do [ -d "$d" ] && rt_cmd "$rt" delete --force "$(basename "$d")" >/dev/null 2>&1 || true; done
  done
  rm -rf "$work"
}
trap cleanup EXIT
rt_cmd() { local rt=$1; shift; case $rt in nsinit) "$nsinit" --root "$work/root-nsinit" "$@" ;; *) "$rt" --root "$work/root-$rt" "$@" ;; esac; }
rt_argv() { case $1 in nsinit) echo "$nsinit --root $work/root-nsinit" ;; *) echo "$1 --root $work/root-$1" ;; esac; }

# Two bundles from one `nsinit spec --seccomp-default`: "plain" without linux.seccomp, "filtered" with it.
mkdir -p "$work/filtered" "$work/plain"
( cd "$work/filtered" && "$nsinit" spec --seccomp-default )
python3 - "$work" "$rootfs" <<'PY'
import json, sys
work, rootfs = sys.argv[1], sys.argv[2]
c = json.load(open(f"{work}/filtered/config.json"))
c["root"] = {"path": rootfs, "readonly": True}
c["ociVersion"] = "1.0.2"  # crun 1.8 rejects newer versions; the bundle uses nothing newer
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
json.dump(c, open(f"{work}/filtered/config.json", "w"), indent=2)
del c["linux"]["seccomp"]
json.dump(c, open(f"{work}/plain/config.json", "w"), indent=2)
PY

results=$work/times.tsv
: > "$results"
runtimes=(nsinit runc crun)
for i in $(seq 1 "$N"); do
  order=("${runtimes[@]:$((i % 3))}" "${runtimes[@]:0:$((i % 3))}")
  for rt in "${order[@]}"; do
    for profile in plain filtered; do
      out=$(python3 "$repo/bench/measure.py" $(rt_argv "$rt") run --bundle "$work/$profile" "b$i-$rt-$profile") \
        || echo "bench: $rt run ($profile) failed" >&2
      read -r wall cpu <<<"$out"
      echo -e "$rt\t$profile\t$wall\t$cpu" >> "$results"
    done
  done
done

python3 - "$results" "$repo/bench/seccomp.md" "$N" "$("$nsinit" --version | grep '^seccomp:')" <<'PY'
import sys, statistics, subprocess, datetime, platform, os
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
wall, cpu = {}, {}
for rt, profile, w, c in rows:
    wall.setdefault((rt, profile), []).append(int(w) / 1e6)
    cpu.setdefault((rt, profile), []).append(int(c) / 1e3)
def ver(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception: return "?"
load = open("/proc/loadavg").read().split()[:3]
out = ["# seccomp: `run /bin/true` with the default profile", "",
       f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {platform.node()} (kernel {platform.release()}, {os.cpu_count()} CPUs), "
       f"N={sys.argv[3]} per cell, runtimes alternated in rotating order. Load average at the end: {' '.join(load)} — the machine "
       "is shared with other jobs running at the same time, so wall times carry their noise; CPU time (user+system of the "
       "invocation and every process it waited for) is disturbed least.", "",
       f"- {ver(['runc','--version'])}, {ver(['crun','--version'])}, nsinit from out/LibContainer ({sys.argv[4]})",
       "- bundle: `nsinit spec --seccomp-default` (the `nsinit spec` defaults plus docker's and podman's default list: "
       "about 370 syscall names, 3 architectures, argument rules for personality, socket and clone), busybox rootfs; "
       "\"plain\" is the same bundle without linux.seccomp", "",
       "| runtime | profile | wall min / median / max | CPU min / median / max |", "|---|---|---|---|"]
fmt = lambda v: f"{min(v):.1f} / {statistics.median(v):.1f} / {max(v):.1f} ms"
for rt in ["nsinit", "runc", "crun"]:
    for profile in ["plain", "filtered"]:
        if (rt, profile) in wall:
            out.append(f"| {rt} | {profile} | {fmt(wall[(rt, profile)])} | {fmt(cpu[(rt, profile)])} |")
out += ["", "| | nsinit/runc | nsinit/crun |", "|---|---|---|"]
for label, d in [("wall, filtered (median)", wall), ("CPU, filtered (median)", cpu)]:
    m = {rt: statistics.median(d[(rt, "filtered")]) for rt in ["nsinit", "runc", "crun"] if (rt, "filtered") in d}
    out.append(f"| {label} | {m['nsinit']/m['runc']:.2f} | {m['nsinit']/m['crun']:.2f} |")
out += ["", "Cost of the filter (median filtered − median plain):", ""]
for rt in ["nsinit", "runc", "crun"]:
    if (rt, "plain") in wall:
        dw = statistics.median(wall[(rt, "filtered")]) - statistics.median(wall[(rt, "plain")])
        dc = statistics.median(cpu[(rt, "filtered")]) - statistics.median(cpu[(rt, "plain")])
        out.append(f"- {rt}: {dw:+.1f} ms wall, {dc:+.1f} ms CPU")
out += ["", "Reproduce: `dotnet pwsh ./build.ps1 && sudo bench/bench-seccomp.sh 20`", ""]
open(sys.argv[2], "w").write("\n".join(out))
print("\n".join(out))
PY
