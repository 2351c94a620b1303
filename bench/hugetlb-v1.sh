# Sourced by the benchmarks that run crun 1.8, which refuses a hybrid host with a controller on the v2 side: hugetlb
# is moved to a v1 hierarchy for the run (only when it is on the v2 side and not mounted) and given back afterwards.
hugetlb_v1_mounted=0

hugetlb_v1_mount() {
  grep -q ' /sys/fs/cgroup/hugetlb ' /proc/self/mountinfo && return 0
  grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null || return 0
  mkdir -p /sys/fs/cgroup/hugetlb
  if mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb; then hugetlb_v1_mounted=1; else rmdir /sys/fs/cgroup/hugetlb; fi
}

# The kernel frees a v1 hierarchy some time after its unmount (hugetlb stays bound to it meanwhile, and containerd
# and docker then report no metrics), and not at all when a cgroup of it was still dying at the unmount: the
# containers' cgroups were just removed. Wait for hugetlb to be back on the v2 side; when it is not, mount the
# hierarchy again and unmount it, now that nothing of it is dying.
hugetlb_v1_restore() {
  [ "$hugetlb_v1_mounted" = 1 ] || return 0
  umount /sys/fs/cgroup/hugetlb && rmdir /sys/fs/cgroup/hugetlb
  local retry=/tmp/hugetlb-v1-restore.$$ attempt i
  for attempt in 1 2 3; do
    for i in $(seq 1 25); do
      grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers && { hugetlb_v1_mounted=0; return 0; }
      sleep 0.2
    done
    mkdir -p "$retry" && mount -t cgroup -o hugetlb cgroup "$retry" && umount "$retry"
    rmdir "$retry" 2>/dev/null
  done
  echo "bench: hugetlb did not return to the cgroup v2 side; mount it as v1 and unmount it again by hand" >&2
  return 1
}
