#!/usr/bin/env bash
# The suite's robustness check: `.ci/run` three times in a row from a fresh clone inside a mode-0700 directory,
# with two busy-loop CPU hogs running all the while; then checks that nothing of those runs was left behind (state
# dirs, processes, mounts, cgroups, netns). Takes about three full test runs.
# Usage: tools/ci-stress.sh [REPO (default: this one)]   env: RUNS (default 3), LOGDIR (default: a new temp dir)
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
runs=${RUNS:-3}
logs=${LOGDIR:-$(mktemp -d /tmp/ci-stress-logs.XXXXXX)}
mkdir -p "$logs"
work=$(mktemp -d) # mode 0700: a mapped user of a user-namespace test cannot pass it
hogs=()
cleanup() {
  for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$repo" "$work/clone"
for _ in 1 2; do (while :; do :; done) & hogs+=($!); done
echo "ci-stress: clone $work/clone (mode $(stat -c %a "$work")), hogs ${hogs[*]}, logs $logs"

failed=0
for i in $(seq 1 "$runs"); do
  log="$logs/run-$i.log"
  if (cd "$work/clone" && ./.ci/run) >"$log" 2>&1; then status=ok; else status=FAILED; failed=1; fi
  echo "ci-stress: run $i: $status: $(tail -n 1 "$log")"
done

# Leftovers of these runs: each run's tag (build.ps1 prints "== sweep (run TAG, DIR)") names its test cgroups,
# netns and scratch dir; processes and mounts are found by the clone's path.
leftovers=()
for tag in $(grep -ho '== sweep (run [^,]*' "$logs"/run-*.log | awk '{print $4}'); do
  for d in /tmp/libcontainer-test-"${tag%-}" /sys/fs/cgroup/nsinit-test-"$tag"* /sys/fs/cgroup/*/nsinit-test-"$tag"* /run/netns/lc-*-"$tag"*; do
    [ -e "$d" ] && leftovers+=("$d")
  done
done
for p in /proc/[0-9]*; do
  grep -qa -- "$work/" "$p/cmdline" 2>/dev/null && [ "${p#/proc/}" != $$ ] && leftovers+=("process ${p#/proc/}: $(tr '\0' ' ' <"$p/cmdline")")
done
while read -r mp; do leftovers+=("mount $mp"); done < <(awk -v w="$work/" 'index($5, w) == 1 {print $5}' /proc/self/mountinfo)

if [ ${#leftovers[@]} -gt 0 ]; then
  printf 'ci-stress: left behind: %s\n' "${leftovers[@]}"
  failed=1
fi
[ "$failed" = 0 ] && echo "ci-stress: $runs runs passed, nothing left behind" || echo "ci-stress: FAILED (logs in $logs)"
exit "$failed"
