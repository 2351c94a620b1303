#!/usr/bin/env bash
# Side-by-side benchmark: nsinit vs runc vs crun on the same busybox bundle.
# Usage: bench/bench.sh [N]   (root; BENCH_GAP=seconds between isolated starts, default 0.5; needs out/LibContainer/nsinit, out/rootfs, runc, crun, /usr/bin/time)
# Alternates the runtimes inside every iteration (A/B/C, rotating order), on a quiet host and with two CPU hogs,
# with gaps between starts and back to back; reports min/median/max and per-iteration ratios to bench/results.md,
# with nsinit's per-phase trace of `run`. crun 1.8 refuses a hybrid host with a controller on the v2 side: hugetlb is mounted as v1
# for the run (only when it is not mounted) and given back to v2 afterwards (bench/hugetlb-v1.sh).
set -euo pipefail
N=${1:-21}
GAP=${BENCH_GAP:-0.5}
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/bench/hugetlb-v1.sh"
nsinit=${LIBCONTAINER_NSINIT:-$repo/out/LibContainer/nsinit}
rootfs=${LIBCONTAINER_ROOTFS:-$repo/out/rootfs}
[ -x "$nsinit" ] || { echo "bench: $nsinit missing (dotnet publish src/LibContainer.Cli -c Release -o out/LibContainer)" >&2; exit 1; }
[ -d "$rootfs" ] || { echo "bench: $rootfs missing (tools/make-rootfs.sh out/rootfs)" >&2; exit 1; }
command -v runc >/dev/null && command -v crun >/dev/null || { echo "bench: runc and crun are needed (apt-get install runc crun)" >&2; exit 1; }
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

work=$(mktemp -d /tmp/nsinit-bench.XXXXXX)
parents=()
cleanup() {
  for rt in nsinit runc crun; do
    for d in "$work/root-$rt"/*/; do [ -d "$d" ] && rt_cmd "$rt" delete --force "$(basename "$d")" >/dev/null 2>&1 || true; done
  done
  for d in "${parents[@]}"; do rmdir "$d" 2>/dev/null || true; done
  hugetlb_v1_restore
  rm -rf "$work"
}
trap cleanup EXIT

hugetlb_v1_mount

# The containers' cgroup parent exists for the whole run, as an engine's does (/libpod_parent, /kubepods): without one,
# making the host's first cpuset cgroup costs any runtime ~1.6 ms of kernel text patching (a static key), per container.
for m in $(awk '{for (i = 7; i <= NF; i++) if ($i == "-") { if ($(i+1) ~ /^cgroup2?$/) print $5; break }}' /proc/self/mountinfo); do
  [ -d "$m/nsinit-bench" ] || { mkdir "$m/nsinit-bench" && parents+=("$m/nsinit-bench"); }
  for f in cpuset.cpus cpuset.mems; do [ -f "$m/$f" ] && cat "$m/$f" > "$m/nsinit-bench/$f"; done
done

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
c["linux"]["cgroupsPath"] = "/nsinit-bench/ctr"  # one container at a time uses it
json.dump(c, open(p, "w"), indent=2)
PY
sleepbundle=$work/sleep
mkdir -p "$sleepbundle"
python3 - "$bundle/config.json" "$sleepbundle/config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c["process"]["args"] = ["/bin/sleep", "100000"]
c["linux"].pop("cgroupsPath")  # three run at once: each runtime's default path
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
gap() { [ "$cadence" = isolated ] && sleep "$GAP" || true; }
# One pass of every scenario: N iterations, runtimes in rotating order inside each iteration. Keys: CONDITION/CADENCE/SCENARIO.
scenarios() {
  local key=$condition/$cadence
  for i in $(seq 1 "$N"); do
    order=("${runtimes[@]:$((i % 3))}" "${runtimes[@]:0:$((i % 3))}")
    measure "$key/spawn-baseline" host /bin/true
    for rt in "${order[@]}"; do
      id=$condition-$cadence-$i-$rt
      rt_line=$(rt_argv "$rt")
      gap; measure "$key/version" "$rt" $rt_line --version
      gap; measure "$key/run" "$rt" $rt_line run --bundle "$bundle" "$id-run"
      gap; measure "$key/create-start-delete" "$rt" $rt_line create --bundle "$bundle" "$id-csd" ';;' $rt_line start "$id-csd" \
        ';;' $rt_line delete --force "$id-csd"
    done
  done
  for rt in "${runtimes[@]}"; do rt_cmd "$rt" run --detach --bundle "$sleepbundle" "exec-$rt" </dev/null >/dev/null 2>&1 || echo "bench: $rt run --detach failed" >&2; done
  for i in $(seq 1 "$N"); do
    order=("${runtimes[@]:$((i % 3))}" "${runtimes[@]:0:$((i % 3))}")
    for rt in "${order[@]}"; do gap; measure "$key/exec" "$rt" $(rt_argv "$rt") exec "exec-$rt" /bin/true; done
  done
  for rt in "${runtimes[@]}"; do rt_cmd "$rt" delete --force "exec-$rt" >/dev/null 2>&1 || true; done
}

hogs=()
start_hogs() { for _ in 1 2; do sh -c 'while :; do :; done' & hogs+=($!); done; }
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; hogs=(); }
trap 'stop_hogs; cleanup' EXIT

for condition in quiet loaded; do
  [ "$condition" = loaded ] && start_hogs
  for cadence in isolated back-to-back; do scenarios; done
  echo "load $condition $(cut -d' ' -f1 /proc/loadavg)" >> "$work/load"
  stop_hogs
done

# peak RSS of `run /bin/true` (KiB, /usr/bin/time %M: the largest process of the invocation), quiet host
for i in 1 2 3 4 5; do
  for rt in "${runtimes[@]}"; do
    /usr/bin/time -f %M -o "$work/rss" $(rt_argv "$rt") run --bundle "$bundle" "rss$i-$rt" </dev/null >/dev/null 2>&1 || true
    record peak-rss-kib "$rt" "$(tail -1 "$work/rss")"
  done
done

# Where nsinit's `run` goes, phase by phase (quiet host, back to back)
for i in $(seq 1 "$N"); do "$nsinit" --root "$work/root-nsinit" --trace "$work/trace.jsonl" run --bundle "$bundle" "trace$i" </dev/null >/dev/null 2>&1; done
python3 "$repo/bench/trace-table.py" "$work/trace.jsonl" run > "$work/trace.md"

python3 - "$results" "$repo/bench/results.md" "$N" "$GAP" "$work/load" "$work/trace.md" <<'PY'
import sys, statistics, subprocess, datetime, platform
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = {}
for sc, rt, v in rows:
    data.setdefault(sc, {}).setdefault(rt, []).append(int(v))
loads = dict(l.split()[1:] for l in open(sys.argv[5]))
def ver(cmd):
    try: return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except Exception: return "?"
def ms(x, cpu): return f"{x/1e3:.1f}" if cpu else f"{x/1e6:.1f}"
def ratios(a, b):  # per-iteration ratios (the runtimes alternate inside each iteration), min/median/max
    r = [x / y for x, y in zip(a, b) if y]
    return f"{min(r):.2f} / **{statistics.median(r):.2f}** / {max(r):.2f}" if r else "–"
out = ["# nsinit vs runc vs crun", "",
       f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {platform.node()} (kernel {platform.release()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores), "
       f"N={sys.argv[3]} per scenario and condition, runtimes alternated in rotating order inside each iteration. "
       "Wall: the whole CLI invocation(s); CPU: user+system time of the invocation(s) and every process they waited for "
       "(wait4 rusage; a detached container's own process is not counted for any runtime). Times in ms: min / median / max; "
       "ratios are per-iteration nsinit/peer, min / median / max.", "",
       f"- {ver(['runc','--version'])}, {ver(['crun','--version'])}, nsinit from out/LibContainer",
       "- bundle: `nsinit spec` defaults (pid, net, ipc, uts, mount, cgroup namespaces; devpts, shm, mqueue, sysfs, cgroup mounts; masked and read-only paths; read-only root), busybox rootfs, `/bin/true`",
       "- cgroups (cgroupfs driver): every runtime's container in `/nsinit-bench/ctr`, one at a time, under a parent that exists for the whole run as an engine's does (`/libpod_parent`, `/kubepods`); without one, the first cpuset cgroup on the host costs any runtime ~1.6 ms of kernel text patching per container",
       f"- cadence *isolated*: {sys.argv[4]} s pause before every measured command (how engines start containers); *back to back*: none (a tight loop)",
       "- host *quiet*: nothing else started by the benchmark; *loaded*: two busy-loop CPU hogs on the 2 cores", ""]
labels = {"version": "`--version` (the runtime's own start and exit)", "run": "run", "create-start-delete": "create+start+delete", "exec": "exec"}
for condition in ["quiet", "loaded"]:
    for cadence in ["isolated", "back-to-back"]:
        key = f"{condition}/{cadence}"
        if f"{key}/run" not in data: continue
        out += [f"## {condition} host, {cadence} (load average at the end: {loads.get(condition, '?')})", "",
                "| scenario | nsinit | runc | crun | nsinit/runc | nsinit/crun |", "|---|---|---|---|---|---|"]
        for sc, label in labels.items():
            for cpu in (False, True):
                d = data.get(f"{key}/{sc}{'-cpu' if cpu else ''}")
                if not d: continue
                cells = [f"{ms(min(d[rt]), cpu)} / {ms(statistics.median(d[rt]), cpu)} / {ms(max(d[rt]), cpu)}" if rt in d else "–"
                         for rt in ["nsinit", "runc", "crun"]]
                out.append(f"| {label}, {'CPU' if cpu else 'wall'} | {' | '.join(cells)} | "
                           f"{ratios(d.get('nsinit', []), d.get('runc', []))} | {ratios(d.get('nsinit', []), d.get('crun', []))} |")
        base = data.get(f"{key}/spawn-baseline", {}).get("host")
        if base: out += ["", f"Spawning `/bin/true` took {statistics.median(base)/1e6:.1f} ms (median) in this condition."]
        out.append("")
rss = data.get("peak-rss-kib")
if rss:
    out += ["## Peak RSS of `run` (quiet host, KiB, median of 5)", "", "| nsinit | runc | crun |", "|---|---|---|",
            "| " + " | ".join(f"{statistics.median(rss[rt]):.0f}" if rt in rss else "–" for rt in ["nsinit", "runc", "crun"]) + " |", ""]
out += ["## Where nsinit's `run` goes (quiet host, back to back; `nsinit --trace`, bench/trace-table.py)", "", open(sys.argv[6]).read(), "",
        "Reproduce: `dotnet publish src/LibContainer.Cli -c Release -o out/LibContainer && tools/make-rootfs.sh out/rootfs && sudo bench/bench.sh 21`", ""]
# bench/engines.sh owns the section from its marker on: keep it.
import os
kept = open(sys.argv[2]).read().split("<!-- engines: written by bench/engines.sh -->", 1) if os.path.exists(sys.argv[2]) else []
engines = "\n<!-- engines: written by bench/engines.sh -->" + kept[1] if len(kept) == 2 else ""
open(sys.argv[2], "w").write("\n".join(out) + engines)
print("\n".join(out))
PY
