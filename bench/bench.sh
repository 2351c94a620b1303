#!/usr/bin/env bash
# Side-by-side benchmark: nsinit vs runc vs crun on the same busybox bundle.
# Usage: bench/bench.sh [N]   (root; needs out/LibContainer/nsinit, out/rootfs, runc, crun, /usr/bin/time)
# Alternates the runtimes inside every iteration (A/B/C, rotating order), reports medians and ratios to
# bench/results.md. crun 1.8 refuses a hybrid host with a controller on the v2 side: hugetlb is mounted as v1
# for the run (only when it is not mounted) and unmounted afterwards.
set -euo pipefail
N=${1:-30}
repo=$(cd "$(dirname "$0")/.." && pwd)
nsinit=${LIBCONTAINER_NSINIT:-$repo/out/LibContainer/nsinit}
rootfs=${LIBCONTAINER_ROOTFS:-$repo/out/rootfs}
[ -x "$nsinit" ] || { echo "bench: $nsinit missing (dotnet publish src/LibContainer.Cli -c Release -o out/LibContainer)" >&2; exit 1; }
[ -d "$rootfs" ] || { echo "bench: $rootfs missing (tools/make-rootfs.sh out/rootfs)" >&2; exit 1; }
command -v runc >/dev/null && command -v crun >/dev/null || { echo "bench: runc and crun are needed (apt-get install runc crun)" >&2; exit 1; }
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

work=$(mktemp -d /tmp/nsinit-bench.XXXXXX)
mounted_hugetlb=0
cleanup() {
  for rt in nsinit runc crun; do
    for d in "$work/root-$rt"/*/; do [ -d "$d" ] && rt_cmd "$rt" delete --force "$(basename "$d")" >/dev/null 2>&1 || true; done
  done
  if [ "$mounted_hugetlb" = 1 ]; then umount /sys/fs/cgroup/hugetlb && rmdir /sys/fs/cgroup/hugetlb; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! grep -q ' /sys/fs/cgroup/hugetlb ' /proc/self/mountinfo && grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null; then
  mkdir -p /sys/fs/cgroup/hugetlb
  if mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb; then mounted_hugetlb=1; else rmdir /sys/fs/cgroup/hugetlb; fi
fi

# One bundle for all: `nsinit spec` defaults (pid/net/ipc/uts/mount/cgroup ns, masked/ro paths, ro root), /bin/true.
bundle=$work/bundle
mkdir -p "$bundle"
( cd "$bundle" && "$nsinit" spec )
python3 - "$bundle/config.json" "$rootfs" <<'PY'
import json, sys
p, rootfs = sys.argv[1], sys.argv[2]
c = json.load(open(p))
c["root"] = {"path": rootfs, "readonly": True}
c["ociVersion"] = "1.0.2"  # crun 1.8 rejects newer versions; the bundle uses nothing newer
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
json.dump(c, open(p, "w"), indent=2)
PY
sleepbundle=$work/sleep
mkdir -p "$sleepbundle"
python3 - "$bundle/config.json" "$sleepbundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["process"]["args"] = ["/bin/sleep", "100000"]
json.dump(c, open(sys.argv[2], "w"), indent=2)
PY

rt_cmd() { # runtime, args...
  local rt=$1; shift
  case $rt in
    nsinit) "$nsinit" --root "$work/root-nsinit" "$@" ;;
    runc) runc --root "$work/root-runc" "$@" ;;
    crun) crun --root "$work/root-crun" "$@" ;;
  esac
}
rt_argv() { # the runtime's command line prefix (paths here have no spaces: mktemp dirs and the repo)
  case $1 in
    nsinit) echo "$nsinit --root $work/root-nsinit" ;;
    runc) echo "runc --root $work/root-runc" ;;
    crun) echo "crun --root $work/root-crun" ;;
  esac
}
results=$work/times.tsv
: > "$results"
record() { echo -e "$1\t$2\t$3" >> "$results"; } # scenario runtime value
# measure SCENARIO RUNTIME CMD... [';;' CMD...]: wall ns and CPU µs (commands + waited-for descendants, bench/measure.py)
measure() {
  local sc=$1 rt=$2 out; shift 2
  out=$(python3 "$repo/bench/measure.py" "$@") || echo "bench: $rt $sc failed" >&2
  read -r wall cpu <<<"$out"
  record "$sc" "$rt" "$wall"
  record "$sc-cpu" "$rt" "$cpu"
}

runtimes=(nsinit runc crun)
for i in $(seq 1 "$N"); do
  # rotate the order each iteration so no runtime always goes first
  order=("${runtimes[@]:$((i % 3))}" "${runtimes[@]:0:$((i % 3))}")
  measure spawn-baseline host /bin/true
  for rt in "${order[@]}"; do
    id=b$i-$rt
    rt_line=$(rt_argv "$rt")
    measure run "$rt" $rt_line run --bundle "$bundle" "$id-run"
    measure create-start-delete "$rt" $rt_line create --bundle "$bundle" "$id-csd" ';;' $rt_line start "$id-csd" \
      ';;' $rt_line delete --force "$id-csd"
  done
done

# exec into a running container
for rt in "${runtimes[@]}"; do rt_cmd "$rt" run --detach --bundle "$sleepbundle" "exec-$rt" </dev/null >/dev/null 2>&1 || echo "bench: $rt run --detach failed" >&2; done
for i in $(seq 1 "$N"); do
  order=("${runtimes[@]:$((i % 3))}" "${runtimes[@]:0:$((i % 3))}")
  for rt in "${order[@]}"; do
    measure exec "$rt" $(rt_argv "$rt") exec "exec-$rt" /bin/true
  done
done
for rt in "${runtimes[@]}"; do rt_cmd "$rt" delete --force "exec-$rt" >/dev/null 2>&1 || true; done

# peak RSS of `run /bin/true` (KiB, /usr/bin/time %M: the largest process of the invocation)
for i in 1 2 3 4 5; do
  for rt in "${runtimes[@]}"; do
    /usr/bin/time -f %M -o "$work/rss" $(rt_argv "$rt") run --bundle "$bundle" "rss$i-$rt" </dev/null >/dev/null 2>&1 || true
    record peak-rss-kib "$rt" "$(tail -1 "$work/rss")"
  done
done

python3 - "$results" "$repo/bench/results.md" "$N" <<'PY'
import sys, statistics, subprocess, datetime, platform
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = {}
for sc, rt, v in rows:
    data.setdefault(sc, {}).setdefault(rt, []).append(int(v))
def ver(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception: return "?"
out = ["# nsinit vs runc vs crun", "",
       f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {platform.node()} (kernel {platform.release()}), N={sys.argv[3]} per scenario, "
       "runtimes alternated in rotating order inside each iteration. Wall: the whole CLI invocation(s); CPU: user+system time of the "
       "invocation(s) and every process they waited for (wait4 rusage; a detached container's own process is not counted for any runtime).", "",
       f"- {ver(['runc','--version'])}, {ver(['crun','--version'])}, nsinit from out/LibContainer", 
       "- bundle: `nsinit spec` defaults (pid, net, ipc, uts, mount, cgroup namespaces; devpts, shm, mqueue, sysfs, cgroup mounts; masked and read-only paths; read-only root), busybox rootfs, `/bin/true`",
       "- every runtime uses its own cgroups (cgroupfs driver)", "",
       "| scenario | nsinit | runc | crun | nsinit/runc | nsinit/crun |", "|---|---|---|---|---|---|"]
labels = {"run": "run, wall", "run-cpu": "run, CPU", "create-start-delete": "create+start+delete, wall",
          "create-start-delete-cpu": "create+start+delete, CPU", "exec": "exec, wall", "exec-cpu": "exec, CPU",
          "peak-rss-kib": "peak RSS"}
for sc, label in labels.items():
    if sc not in data: continue
    med = {rt: statistics.median(v) for rt, v in data[sc].items()}
    unit = (lambda x: f"{x:.0f} KiB") if sc == "peak-rss-kib" else (lambda x: f"{x/1e3:.1f} ms") if sc.endswith("-cpu") \
        else (lambda x: f"{x/1e6:.1f} ms")
    cells = [unit(med[rt]) if rt in med else "–" for rt in ["nsinit", "runc", "crun"]]
    ratio = lambda o: f"{med['nsinit']/med[o]:.2f}" if o in med and "nsinit" in med and med[o] else "–"
    out.append(f"| {label} (median) | {' | '.join(cells)} | {ratio('runc')} | {ratio('crun')} |")
out += ["", "Reproduce: `dotnet publish src/LibContainer.Cli -c Release -o out/LibContainer && tools/make-rootfs.sh out/rootfs && sudo bench/bench.sh 30`", ""]
base = data.get("spawn-baseline", {}).get("host")
load = open("/proc/loadavg").read().split()[0]
out += [f"Baseline on this machine: spawning `/bin/true` takes {statistics.median(base)/1e6:.1f} ms (median); load average {load} at the end of the run.",
        "The machine is a shared 2-core VM: absolute times vary with other jobs; CPU time varies least, the ratios are what to read.", ""] if base else []
open(sys.argv[2], "w").write("\n".join(out))
print("\n".join(out))
PY
