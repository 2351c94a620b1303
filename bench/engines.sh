#!/usr/bin/env bash
# Engines side by side: `podman run --rm --network none IMG true`, `ctr run --rm IMG ID true` and
# `docker run --rm --network none IMG true`, each with nsinit and with crun as the runtime, alternating inside every
# iteration (rotating order). Writes medians and ratios to the "Engines" section of bench/results.md.
# Usage: bench/engines.sh [N]   (root; podman, containerd, docker.io, crun; out/LibContainer/nsinit and out/rootfs)
# Every engine runs with a private config, sockets, state and data root under one temp dir, stopped at the end.
# crun 1.8 refuses a hybrid host with a controller on the v2 side: hugetlb is mounted as v1 for the run (only when it
# is not mounted) and given back to v2 afterwards (bench/hugetlb-v1.sh), so the machine's cgroup setup is as before.
set -euo pipefail
N=${1:-21}
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/bench/hugetlb-v1.sh"
nsinit=${LIBCONTAINER_NSINIT:-$repo/out/LibContainer/nsinit}
rootfs=${LIBCONTAINER_ROOTFS:-$repo/out/rootfs}
crun=$(command -v crun) || { echo "bench: crun is needed (apt-get install crun)" >&2; exit 1; }
for p in podman containerd ctr dockerd docker; do command -v $p >/dev/null || { echo "bench: $p missing (setup.sh installs it)" >&2; exit 1; }; done
[ -x "$nsinit" ] && [ -d "$rootfs" ] || { echo "bench: build first (dotnet pwsh ./build.ps1)" >&2; exit 1; }

work=$(mktemp -d /tmp/nsinit-engines-bench.XXXXXX)
parent=/nsinit-engines-bench-$$
img=localhost/nsinit-bench:latest
export CONTAINERS_CONF=$work/podman/containers.conf CONTAINERS_STORAGE_CONF=$work/podman/storage.conf
host_paths=()
for p in /run/containerd /run/docker /etc/docker/key.json; do [ -e $p ] || host_paths+=("$p"); done
dockerd_pid= containerd_pid=
stop() { [ -n "$1" ] && kill "$1" 2>/dev/null && while kill -0 "$1" 2>/dev/null; do sleep 0.2; done; return 0; }
cleanup() {
  set +e # every step runs, whatever failed before
  [ -n "$dockerd_pid" ] && docker -H "unix://$work/docker.sock" rm -f $(docker -H "unix://$work/docker.sock" ps -aq) >/dev/null 2>&1
  stop "$dockerd_pid"; stop "$containerd_pid"
  podman rm -a -f >/dev/null 2>&1; podman system reset -f >/dev/null 2>&1 || true
  grep -o " $work[^ ]*" /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m"; done
  for m in $(grep -E ' - cgroup2? ' /proc/self/mountinfo | cut -d' ' -f5); do
    [ -d "$m$parent" ] && find "$m$parent" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  hugetlb_v1_restore
  for p in "${host_paths[@]}"; do if [ -f "$p" ]; then rm -f "$p"; elif [ -d "$p" ]; then find "$p" -depth -type d -empty -delete; fi; done
  rm -rf "$work"
  return 0
}
trap cleanup EXIT

hugetlb_v1_mount

mkdir -p "$work/podman" "$work/containerd"
cat > "$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/podman/events.log"
runtime_supports_json = ["nsinit", "crun"]
tmp_dir = "$work/podman/tmp"
[engine.runtimes]
nsinit = ["$nsinit"]
crun = ["$crun"]
[network]
network_config_dir = "$work/podman/networks"
EOF
printf '[storage]\ndriver = "overlay"\ngraphroot = "%s"\nrunroot = "%s"\n' "$work/podman/graph" "$work/podman/run" > "$CONTAINERS_STORAGE_CONF"
cat > "$work/containerd/config.toml" <<EOF
version = 2
root = "$work/containerd/root"
state = "$work/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$work/containerd.sock"
[ttrpc]
  address = "$work/containerd.sock.ttrpc"
EOF
cat > "$work/daemon.json" <<EOF
{ "hosts": ["unix://$work/docker.sock"], "data-root": "$work/docker-data", "exec-root": "$work/docker-exec",
  "pidfile": "$work/docker.pid", "containerd": "$work/containerd.sock", "containerd-namespace": "bench",
  "containerd-plugins-namespace": "bench-plugins", "bridge": "none", "iptables": false, "ip6tables": false,
  "ip-forward": false, "ip-masq": false, "exec-opts": ["native.cgroupdriver=cgroupfs"], "cgroup-parent": "$parent/docker",
  "runtimes": { "nsinit": { "path": "$nsinit" }, "crun": { "path": "$crun" } } }
EOF

containerd --config "$work/containerd/config.toml" >"$work/containerd.log" 2>&1 & containerd_pid=$!
until ctr -a "$work/containerd.sock" version >/dev/null 2>&1; do sleep 0.2; done
dockerd --config-file "$work/daemon.json" >"$work/dockerd.log" 2>&1 & dockerd_pid=$!
until docker -H "unix://$work/docker.sock" version >/dev/null 2>&1; do sleep 0.3; done

# The image: the busybox rootfs, imported; saved for ctr and docker (no registry).
tar -C "$rootfs" -c . | podman import -q - $img >/dev/null
podman save -q --format oci-archive -o "$work/img.oci" $img
podman save -q --format docker-archive -o "$work/img.docker" $img
ctr -a "$work/containerd.sock" -n bench images import --base-name localhost/nsinit-bench "$work/img.oci" >/dev/null
docker -H "unix://$work/docker.sock" load -q -i "$work/img.docker" >/dev/null

declare -A bin=([nsinit]=$nsinit [crun]=$crun)
cmd() { # engine runtime iteration
  case $1 in
    podman) echo podman run --rm --network none --runtime "$2" --cgroup-parent "$parent/podman" $img true ;;
    ctr) echo ctr -a "$work/containerd.sock" -n bench run --rm --runc-binary "${bin[$2]}" --runc-root "$work/runc-$2" \
              --cgroup "$parent/ctr/$2-$3" $img "$2-$3" true ;;
    docker) echo docker -H "unix://$work/docker.sock" run --rm --network none --runtime "$2" $img true ;;
  esac
}
results=$work/results.tsv
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for e in podman ctr docker; do for rt in nsinit crun; do python3 "$repo/bench/measure.py" $(cmd $e $rt warm) >/dev/null; done; done
for i in $(seq 1 "$N"); do
  order=(nsinit crun); [ $((i % 2)) = 0 ] && order=(crun nsinit)
  for e in podman ctr docker; do
    for rt in "${order[@]}"; do
      out=$(python3 "$repo/bench/measure.py" $(cmd $e $rt $i)) || { echo "bench: $e with $rt failed" >&2; exit 1; }
      echo -e "$e\t$rt\t$i\t$out" >> "$results"
    done
  done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$results" "$repo/bench/results.md" "$N" "$load_before" "$load" "$(podman --version)" "$(containerd --version | cut -d' ' -f3)" "$(dockerd --version)" <<'PY'
import sys, statistics, collections, datetime, re
path, md, n, load_before, load, pv, cv, dv = sys.argv[1:]
d = collections.defaultdict(lambda: collections.defaultdict(dict))
for line in open(path):
    e, rt, i, wall, cpu = line.split()
    d[e][rt][int(i)] = (int(wall) / 1e6, int(cpu) / 1e3)
def fmt(v): return f"{min(v):.0f} / **{statistics.median(v):.0f}** / {max(v):.0f}"
rows = []
for e, what in [("podman", "`podman run --rm --network none IMG true`"), ("ctr", "`ctr run --rm IMG ID true`"),
                ("docker", "`docker run --rm --network none IMG true`")]:
    for k, name in [(0, "wall"), (1, "CPU")]:
        a = [d[e]["nsinit"][i][k] for i in sorted(d[e]["nsinit"])]
        b = [d[e]["crun"][i][k] for i in sorted(d[e]["crun"])]
        r = [x / y for x, y in zip(a, b) if y > 0]
        rows.append(f"| {what}, {name} | {fmt(a)} | {fmt(b)} | {min(r):.2f} / **{statistics.median(r):.2f}** / {max(r):.2f} |")
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
section = "\n".join([
    "<!-- engines: written by bench/engines.sh -->", "## Engines: nsinit vs crun as the runtime", "",
    f"Run {now}, N={n} per engine and runtime, the two runtimes alternated inside each iteration (rotating order); "
    f"{pv}, containerd {cv} (runc.v2 shim), {dv}; cgroupfs, private configs (bench/engines.sh). Wall: the whole engine "
    "command; CPU: user+system time of it and every process it waited for (the daemons' own CPU time is not counted). "
    "Times in ms: min / **median** / max; ratios per iteration, nsinit/crun.", "",
    f"Host load average (1, 5, 15 min) {load_before} before the run and {load} at the end; the benchmark starts "
    "nothing else, and the engines' daemons are part of that load. On a loaded host absolute times are inflated and "
    "noisy: read the per-iteration ratios.", "",
    "| scenario | nsinit | crun | nsinit/crun |", "|---|---|---|---|", *rows, "",
    "Reproduce: `sudo bench/engines.sh 21` (after `dotnet pwsh ./build.ps1`).", ""])
text = open(md).read()
text = re.split(r"\n?<!-- engines: written by bench/engines.sh -->", text)[0].rstrip("\n")
open(md, "w").write(text + "\n\n" + section)
PY
echo "bench: wrote the Engines section of bench/results.md"
