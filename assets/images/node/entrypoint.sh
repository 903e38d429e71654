#!/bin/bash
# Entrypoint of a lab node: make nested containers possible, then run dockerd
# with mutual TLS. Works on cgroup v1 (read-only controller mounts, seen when
# the node is not --privileged) and on cgroup v2 (Docker Desktop, new distros).
set -euo pipefail

TLS_DIR=/etc/orquestra/tls
log() { echo "orquestra-node: $*" >&2; }

cgroup_parent=""
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    # cgroup v2 (the docker:dind recipe): move our processes into a leaf
    # "init" group so the root may delegate every controller to children.
    # Not privileged: the engine mounted our cgroup read-only.
    if awk '$2 == "/sys/fs/cgroup" {print $4}' /proc/mounts | grep -qE '(^|,)ro(,|$)'; then
        mount -o remount,rw /sys/fs/cgroup
    fi
    mkdir -p /sys/fs/cgroup/init
    # A process that enters the root group between the move and the write (a
    # `docker exec` into this node, say) makes the write fail with EBUSY; on a
    # slow CPU (a VM under software emulation) that window is wide: try again.
    tries=0
    until {
        xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || :
        sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers \
            > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
    }; do
        tries=$((tries + 1))
        if [ "$tries" -ge 100 ]; then
            log "cannot delegate the cgroup controllers after $tries tries: nested containers will fail"
            exit 1
        fi
        sleep 0.1
    done
else
    # cgroup v1: remount every read-only controller read-write. Without a
    # cgroup namespace that exposes the host's hierarchy, so the inner
    # engine must keep its containers below this node's own cgroup.
    # Read the mount table once: it changes under the loop.
    mounts=$(cat /proc/mounts)
    while read -r _ mnt fstype opts _; do
        [ "$fstype" = cgroup ] || continue
        case ",$opts," in *,ro,*) ;; *) continue ;; esac
        subsys=$(echo "$opts" | tr ',' '\n' \
            | grep -E '^(cpu|cpuacct|cpuset|memory|devices|freezer|blkio|pids|net_cls|net_prio|perf_event|hugetlb|rdma|misc|name=.*)$' \
            | paste -sd, -)
        [ -n "$subsys" ] || continue
        umount "$mnt"
        mount -t cgroup -o "rw,nosuid,nodev,noexec,$subsys" cgroup "$mnt"
    done <<< "$mounts"
    if grep -E ' cgroup [^ ]*\bro\b' /proc/mounts >&2; then
        log "some cgroup controllers are still read-only: nested containers will fail"
        exit 1
    fi
    own=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' /proc/self/cgroup)
    if [ -n "$own" ] && [ "$own" != / ]; then
        cgroup_parent="$own/orquestra"
    else
        cgroup_parent="/orquestra-$(hostname)"
    fi
fi

args=(--host=unix:///var/run/docker.sock)
if [ -f "$TLS_DIR/server-cert.pem" ]; then
    args+=(--host=tcp://0.0.0.0:2376 --tlsverify
           "--tlscacert=$TLS_DIR/ca.pem"
           "--tlscert=$TLS_DIR/server-cert.pem"
           "--tlskey=$TLS_DIR/server-key.pem")
else
    log "no TLS material in $TLS_DIR: the daemon listens on its unix socket only"
fi
[ -n "$cgroup_parent" ] && args+=("--cgroup-parent=$cgroup_parent")
if [ -f /etc/orquestra/daemon-args ]; then
    # shellcheck disable=SC2207
    args+=($(cat /etc/orquestra/daemon-args))
fi

if [ "$#" -gt 0 ]; then
    exec "$@"
fi
exec dockerd "${args[@]}"
