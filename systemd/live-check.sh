#!/bin/bash
# The unit under a real systemd: boots a minimal Debian bookworm with systemd in a container
# (systemd-nspawn: own mount, PID and network namespaces, own cgroup), installs the gateway
# there as a technician would (`make install-files` into the tree, `make install-user`
# inside), runs the demo site on the simulator and a local mosquitto, and checks start,
# status, watchdog, reload, stop, restart, hardening and the serial allow-list.
# Prints PASS/FAIL per check; exits 1 if any failed. Run by hand, as root, from anywhere:
#
#   systemd/live-check.sh             # build the tree if missing, check, power the container off
#   systemd/live-check.sh --keep      # leave the container running afterwards (prints how to enter)
#
# LIVE_DIR (default /var/tmp/campus-gateway-live) holds the tree (root/, kept between runs)
# and the container's console log. BIN is the gateway binary (default .build/release/
# campus-gateway, built with `make release` when missing). Needs debootstrap and
# systemd-container (installed with apt-get when missing) and a Debian mirror for the
# first run. Works whether or not the host runs systemd: without it, the container gets a
# cgroup of its own and never touches the host's.
set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
LIVE_DIR=${LIVE_DIR:-/var/tmp/campus-gateway-live}
ROOT=$LIVE_DIR/root
BIN=${BIN:-$REPO/.build/release/campus-gateway}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
MACHINE=campus-gateway-live
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

PREFIX_TOPIC=campus/v1/4101230001
UNIT=campus-gateway
PACKAGES=systemd,systemd-sysv,dbus,mosquitto,mosquitto-clients,libmodbus5,libmosquitto1,libsqlite3-0,libcurl4,libxml2,socat,make,procps,iproute2

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS  $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1${2:+: $2}"; }
note() { echo "      $*"; }
die() { echo "live-check: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "run as root"

# --- tools and tree -----------------------------------------------------------------------
need=""
command -v debootstrap >/dev/null || need="$need debootstrap"
command -v systemd-nspawn >/dev/null || need="$need systemd-container"
if [ -n "$need" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null || die "cannot install$need"
fi

mkdir -p "$LIVE_DIR"
if [ ! -x "$ROOT/lib/systemd/systemd" ]; then
    echo "building the $SUITE tree in $ROOT (a few minutes)"
    rm -rf "$ROOT"
    debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >"$LIVE_DIR/debootstrap.log" 2>&1 ||
        die "debootstrap failed; see $LIVE_DIR/debootstrap.log"
    echo "$MACHINE" >"$ROOT/etc/hostname"
    chroot "$ROOT" passwd -d root >/dev/null
    # Timers that would only add noise to a short boot.
    systemctl --root="$ROOT" mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer dpkg-db-backup.timer >/dev/null 2>&1
fi

if [ ! -x "$BIN" ]; then
    echo "no binary at $BIN: make release (several minutes)"
    make -s -C "$REPO" release >/dev/null || die "make release failed"
fi

# --- install into the tree -------------------------------------------------------------------
# Every run starts as a first install: no site file, state, retained messages or old journal,
# and the unit not enabled (it starts when the checks say).
rm -rf "$ROOT/etc/campus-gateway/site.yaml" "$ROOT/var/lib/campus-gateway" "$ROOT/var/lib/mosquitto/mosquitto.db" \
    "$ROOT/var/log/journal/"* "$ROOT/etc/systemd/system/multi-user.target.wants/$UNIT.service"
make -s -C "$REPO" install-files BIN="$BIN" DESTDIR="$ROOT" >/dev/null || die "make install-files failed"
# The Swift runtime: the binary's RUNPATH names the toolchain's folder; copy from there what
# ldd resolves, to the same path (Debian's libraries come from the tree's own packages).
swiftlib=$(dirname "$(ldd "$BIN" | awk '$1 == "libswiftCore.so" { print $3 }')")
[ -n "$swiftlib" ] && [ "$swiftlib" != . ] || die "ldd finds no libswiftCore.so for $BIN"
ldd "$BIN" | awk -v dir="$swiftlib/" 'index($3, dir) == 1 { print $3 }' | while read -r lib; do
    install -D -m 0644 "$lib" "$ROOT$lib"
done

# The demo site as installed, plus one RTU device on a socat pty (ttyLIVE0, group dialout),
# served by the simulator (location SERIAL is what the reload check changes). The gateway's
# site also has one device on a node of each serial class the unit allows (no hardware
# behind them): what matters is whether opening one fails with EPERM (the device cgroup) or
# later, in the kernel (no such device).
SERIAL_CLASSES="ttyS:4:69 ttyUSB:188:7 ttyACM:166:7 ttyAMA:204:71"
sed -e 's|^profiles: \[\.\./DeviceProfiles\]$|profiles: [/usr/local/share/campus-gateway/profiles]|' \
    -e 's|^devices:$|devices:\n  - id: door-serial\n    profile: gate-controller\n    connection: rtu:///dev/ttyLIVE0?baud=19200\n    unit: 7\n    poll: 200ms\n    location: SERIAL|' \
    "$REPO/examples/demo-site.yaml" >"$LIVE_DIR/simulator.yaml"
grep -q '^profiles: \[/usr/local' "$LIVE_DIR/simulator.yaml" && grep -q 'id: door-serial' "$LIVE_DIR/simulator.yaml" ||
    die "examples/demo-site.yaml changed shape; update the sed lines in $0"
probes=""
for class in $SERIAL_CLASSES; do
    name=${class%%:*} minor=${class##*:}
    probes="$probes  - id: probe-${name,,}\n    profile: bollard\n    connection: rtu:///dev/$name$((minor % 64))\n    poll: 1s\n"
done
awk -v probes="$probes" '/^uplinks:$/ { printf "%s\n", probes } { print }' "$LIVE_DIR/simulator.yaml" >"$LIVE_DIR/site.yaml"
install -m 0640 "$LIVE_DIR/site.yaml" "$ROOT/etc/campus-gateway/site.yaml"
install -m 0600 "$LIVE_DIR/simulator.yaml" "$ROOT/root/simulator.yaml"

# --- boot --------------------------------------------------------------------------------------
cgroups=()
# systemd enforces DevicePolicy= with a BPF program on cgroup v2; nspawn withholds CAP_BPF
# and bpf(2) by default, and without them systemd skips the device policy without a word.
NSPAWN_ARGS=(-D "$ROOT" -b -M "$MACHINE" --register=no --private-network --console=read-only
    --capability=CAP_BPF --system-call-filter=bpf --bind-ro="$REPO:/usr/src/campus-gateway")
# Without systemd on the host nspawn cannot ask for a scope: give it a cgroup of its own
# (--keep-unit uses it). The container gets cgroup v2 inside, as on a Debian 12 controller.
if [ "$(cat /proc/1/comm)" = systemd ]; then
    launch() { exec systemd-nspawn "${NSPAWN_ARGS[@]}"; }
else
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then cgroups=(/sys/fs/cgroup); else
        cgroups=(/sys/fs/cgroup/unified /sys/fs/cgroup/systemd); export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1; fi
    launch() {
        for hierarchy in "${cgroups[@]}"; do
            [ -d "$hierarchy" ] || continue
            mkdir -p "$hierarchy/$MACHINE" && echo "$BASHPID" >"$hierarchy/$MACHINE/cgroup.procs"
        done
        exec systemd-nspawn --keep-unit "${NSPAWN_ARGS[@]}"
    }
fi
(launch) >"$LIVE_DIR/console.log" 2>&1 </dev/null &
NSPAWN=$!

# The container's PID 1: the process named systemd under nspawn.
PID1=""
for _ in $(seq 60); do
    for pid in $(pgrep -x systemd); do
        p=$pid
        while [ "$p" -gt 1 ]; do
            p=$(awk '{ print $4 }' "/proc/$p/stat" 2>/dev/null || echo 1)
            [ "$p" = "$NSPAWN" ] && { PID1=$pid; break 2; }
        done
    done
    kill -0 "$NSPAWN" 2>/dev/null || break
    sleep 1
done
[ -n "$PID1" ] || { cat "$LIVE_DIR/console.log"; die "the container did not boot"; }

inside() { nsenter -t "$PID1" -a -- /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 "$@"; }
finish() {
    if [ "$KEEP" = 1 ]; then
        echo "container left running: nsenter -t $PID1 -a /bin/bash   (stop: kill $NSPAWN)"
    else
        kill -TERM "$NSPAWN" 2>/dev/null
        for _ in $(seq 30); do kill -0 "$NSPAWN" 2>/dev/null || break; sleep 1; done
        kill -0 "$NSPAWN" 2>/dev/null && kill -KILL "$NSPAWN"
        for hierarchy in "${cgroups[@]}"; do
            [ -d "$hierarchy/$MACHINE" ] && find "$hierarchy/$MACHINE" -depth -type d -exec rmdir {} + 2>/dev/null
        done
    fi
}
trap finish EXIT

state=$(inside timeout 120 systemctl is-system-running --wait)
echo "container: $(inside systemctl --version | head -1) ($(inside stat -fc %T /sys/fs/cgroup)), system $state"
# Debug level, so that the journal shows every notification message PID 1 receives.
inside systemd-analyze set-log-level debug

show() { inside systemctl show -p "$1" --value "$UNIT"; }
journal_since() { inside journalctl -b -q --no-pager --since "@$1" "${@:2}"; }
# Whole seconds, one early: journalctl --since takes @SECONDS.
clock() { echo $(($(date +%s) - 1)); }
# The retained payload of {prefix}/TOPIC, or nothing.
retained() { inside mosquitto_sub -h 127.0.0.1 -t "$PREFIX_TOPIC/$1" -C 1 -W 3 2>/dev/null; }
# Waits up to $2 seconds for `retained $1` to contain $3.
wait_retained() {
    for _ in $(seq "$2"); do retained "$1" | grep -q -- "$3" && return 0; sleep 1; done
    return 1
}
wait_running() {
    for _ in $(seq "$1"); do [ "$(show SubState)" = running ] && return 0; sleep 1; done
    return 1
}
notifications() { journal_since "$1" -u init.scope -g "$UNIT.service: Got notification message" | grep -o '(.*)' | sed 's/^(//; s/)$//'; }

# --- checks --------------------------------------------------------------------------------------
if [ -f "$ROOT/usr/local/lib/modules-load.d/campus-gateway.conf" ]; then
    pass "make install-files: modules-load.d entry for the serial drivers ($(grep -v '^#' "$ROOT/usr/local/lib/modules-load.d/campus-gateway.conf" | tr '\n' ' '))"
else
    fail "make install-files: modules-load.d entry for the serial drivers"
fi
# The harness first: the device checks below mean something only if device policies bite here.
if inside systemd-run --wait -q --pipe -p DevicePolicy=strict sh -c 'echo > /dev/null' 2>/dev/null; then
    fail "harness: DevicePolicy is enforced in the container" "a strict unit could write /dev/null"
else
    pass "harness: DevicePolicy is enforced in the container (a DevicePolicy=strict unit cannot open /dev/null)"
fi

if inside ldd /usr/local/bin/campus-gateway | grep -q 'not found'; then
    fail "runtime libraries resolve in the tree" "$(inside ldd /usr/local/bin/campus-gateway | grep 'not found' | tr '\n' ' ')"
else
    pass "runtime libraries resolve in the tree"
fi

inside make -s -C /usr/src/campus-gateway install-user >/dev/null 2>&1
groups=$(inside id -nG campus-gateway 2>/dev/null)
perm=$(inside stat -c '%U:%G %a' /etc/campus-gateway/site.yaml)
if [[ " $groups " == *" dialout "* ]] && [ "$perm" = "root:campus-gateway 640" ]; then
    pass "make install-user: user campus-gateway in dialout, site.yaml $perm"
else
    fail "make install-user" "groups '$groups', site.yaml $perm"
fi

inside systemd-run -q --unit=live-serial socat pty,raw,echo=0,link=/dev/ttyLIVE0,group=dialout,mode=660 \
    pty,raw,echo=0,link=/dev/ttyLIVE1
inside systemctl restart mosquitto
for class in $SERIAL_CLASSES; do
    IFS=: read -r name major minor <<<"$class"
    inside mknod -m 0660 "/dev/$name$((minor % 64))" c "$major" "$minor"
    inside chgrp dialout "/dev/$name$((minor % 64))"
done
sleep 1
inside systemd-run -q --unit=live-simulator /usr/local/bin/campus-gateway simulate --config /root/simulator.yaml \
    --control-port 15999 --serial /dev/ttyLIVE0=/dev/ttyLIVE1
inside systemctl daemon-reload

t0=$(clock)
start_begin=$(date +%s%N)
if inside timeout 90 systemctl enable --now "$UNIT" >/dev/null 2>&1 && [ "$(show SubState)" = running ]; then
    pass "start: active (running) after READY=1 in $((($(date +%s%N) - start_begin) / 1000000)) ms"
else
    fail "start" "$(show ActiveState)/$(show SubState) result=$(show Result)"
    inside journalctl -b -u "$UNIT" --no-pager -n 30
fi
notifications "$t0" | grep -q '^READY=1' && pass "journal: READY=1 received from the main process" || fail "journal: READY=1"
sleep 6
status_text=$(show StatusText)
[ -n "$status_text" ] && [ "$status_text" != starting ] && pass "status text: $status_text" || fail "status text" "'$status_text'"
inside systemctl status "$UNIT" --no-pager -n 0 | sed -n '1,12p' | sed 's/^/      /'

wait_retained status 10 '"state":"online"' && pass "MQTT: retained status online" || fail "MQTT: retained status online" "$(retained status)"
offline=""
for device in gate-east-sos perimeter-north gate-east bollard-east; do
    wait_retained "state/$device" 15 '"online":true' || offline="$offline $device"
done
[ -z "$offline" ] && pass "MQTT: the four TCP devices online" || fail "MQTT: TCP devices online" "offline:$offline"

# DevicePolicy=closed always lets ptys (char-pts) through, so the pty checks the user and
# group: root:dialout 0660 opens only through SupplementaryGroups=dialout.
if wait_retained state/door-serial 15 '"online":true'; then
    pass "serial: the RTU device on a pty (root:dialout 0660) is online: dialout works"
else
    fail "serial device on the pty" "$(retained state/door-serial)"
fi
# Each serial class: a node of its major opens past the device cgroup exactly when the class
# is in /proc/devices (systemd resolves DeviceAllow=char-NAME there, once, at start).
for class in $SERIAL_CLASSES; do
    IFS=: read -r name major minor <<<"$class"
    node=/dev/$name$((minor % 64))
    reason=$(inside journalctl -b -u "$UNIT" --no-pager -g "connect to rtu://$node" | tail -1 | sed 's/.*reason="//; s/"$//')
    if grep -q "^ *$major $name\$" /proc/devices; then
        listed="listed in /proc/devices"
        expect="not EPERM"
        [ -n "$reason" ] && [[ "$reason" != *"Operation not permitted"* ]]
    else
        listed="driver not loaded here, so not in /proc/devices"
        expect="EPERM"
        [[ "$reason" == *"Operation not permitted"* ]]
    fi
    if [ $? = 0 ]; then
        pass "DeviceAllow=char-$name ($listed): $node ($major:$minor) is $expect: ${reason##*: }"
    else
        fail "DeviceAllow=char-$name ($listed): $node ($major:$minor) should be $expect" "'$reason'"
    fi
done

pid=$(show MainPID)
restarts=$(show NRestarts)
t0=$(clock)
sleep 40
pings=$(notifications "$t0" | grep -c '^WATCHDOG=1')
if [ "$(show MainPID)" = "$pid" ] && [ "$(show NRestarts)" = "$restarts" ] && [ "$pings" -ge 2 ]; then
    pass "watchdog: $pings WATCHDOG=1 in 40 s (WatchdogSec=$(show WatchdogUSec)), same PID, no restart"
else
    fail "watchdog keeps it alive" "pid $pid -> $(show MainPID), restarts $restarts -> $(show NRestarts), pings $pings"
fi

killed=$(inside journalctl -b -u "$UNIT" --no-pager | grep -E 'status=31/SYS|core-dump|code=killed' | head -3)
[ -z "$killed" ] && pass "hardening: no seccomp kill or crash (SystemCallFilter, MemoryDenyWriteExecute)" ||
    fail "hardening" "$killed"

# Reload: a changed site file is applied in place; a broken one is refused.
inside sed -i 's/location: SERIAL$/location: SERIAL-RELOADED/' /etc/campus-gateway/site.yaml
t0=$(clock)
if inside timeout 30 systemctl reload "$UNIT" && sleep 3 && [ "$(show MainPID)" = "$pid" ] && [ "$(show SubState)" = running ] &&
    journal_since "$t0" -u "$UNIT" | grep -q 'site file reloaded'; then
    seen=$(notifications "$t0" | grep -oE '^(RELOADING|READY)=1' | tr '\n' ' ')
    notifications "$t0" | grep -q '^RELOADING=1' && notifications "$t0" | grep -q '^READY=1' &&
        pass "reload: same PID, site file reloaded, notifications: $seen" ||
        fail "reload notifications" "$seen"
else
    fail "reload" "$(show ActiveState)/$(show SubState) pid $(show MainPID)"
fi
inside sh -c 'printf "devices: [\n" >> /etc/campus-gateway/site.yaml'
t0=$(clock)
inside timeout 30 systemctl reload "$UNIT"
sleep 3
if [ "$(show MainPID)" = "$pid" ] && [ "$(show SubState)" = running ] && journal_since "$t0" -u "$UNIT" | grep -q 'reload refused'; then
    pass "reload of a broken site file refused, still running on the old one"
else
    fail "broken reload" "$(show SubState) pid $(show MainPID)"
fi
install -m 0640 "$LIVE_DIR/site.yaml" "$ROOT/etc/campus-gateway/site.yaml"
inside chgrp campus-gateway /etc/campus-gateway/site.yaml
inside systemctl reload "$UNIT"

# Restart=always after SIGKILL; the broker's last will says offline meanwhile.
t0=$(clock)
inside systemctl kill -s SIGKILL "$UNIT"
sleep 1
will=$(retained status)
sleep 3
if wait_running 30 && [ "$(show MainPID)" != "$pid" ] && [ "$(show NRestarts)" -gt "$restarts" ] && wait_retained status 10 '"state":"online"'; then
    pass "Restart=always: back after SIGKILL (PID $pid -> $(show MainPID), NRestarts=$(show NRestarts)); status meanwhile: $will"
else
    fail "Restart=always after SIGKILL" "$(show ActiveState)/$(show SubState) pid $(show MainPID) NRestarts=$(show NRestarts)"
fi

# The watchdog itself: a frozen gateway stops pinging and systemd replaces it.
pid=$(show MainPID)
restarts=$(show NRestarts)
t0=$(clock)
inside kill -STOP "$pid"
for _ in $(seq 90); do [ "$(show MainPID)" != "$pid" ] && [ "$(show SubState)" = running ] && break; sleep 1; done
if journal_since "$t0" -u init.scope | grep -q "$UNIT.service: Watchdog timeout" && [ "$(show MainPID)" != "$pid" ] && wait_running 5; then
    pass "watchdog: a frozen gateway (SIGSTOP) is killed and restarted (NRestarts=$(show NRestarts))"
else
    fail "watchdog restarts a frozen gateway" "$(show ActiveState)/$(show SubState) pid $pid -> $(show MainPID)"
fi

# Stop: clean, STOPPING=1, the retained offline with reason shutdown.
t0=$(clock)
begin=$(date +%s)
inside timeout 60 systemctl stop "$UNIT"
took=$(($(date +%s) - begin))
if [ "$(show ActiveState)" = inactive ] && [ "$(show Result)" = success ] && [ "$(show ExecMainStatus)" = 0 ] && [ "$took" -lt 20 ]; then
    pass "stop: inactive in ${took} s, Result=success, exit status 0"
else
    fail "stop" "$(show ActiveState) Result=$(show Result) status=$(show ExecMainStatus) in ${took} s"
fi
notifications "$t0" | grep -q '^STOPPING=1' && pass "journal: STOPPING=1 received" || fail "journal: STOPPING=1"
final=$(retained status)
echo "$final" | grep -q '"state":"offline"' && echo "$final" | grep -q '"reason":"shutdown"' &&
    pass "MQTT: retained status offline, reason shutdown" || fail "MQTT: offline on stop" "$final"
journal_since "$t0" -u "$UNIT" | grep -q 'stopped' && pass "log: stopped" || fail "log: stopped"
sleep 4
[ "$(show ActiveState)" = inactive ] && pass "stopped stays stopped (Restart=always does not apply to systemctl stop)" ||
    fail "stopped stays stopped" "$(show ActiveState)"

inside systemctl start "$UNIT"
inside systemd-analyze security "$UNIT" --no-pager >"$LIVE_DIR/security.txt" 2>&1
security=$(tail -1 "$LIVE_DIR/security.txt")
exposure=$(echo "$security" | grep -o '[0-9]*\.[0-9]*' | head -1)
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }'; then
    pass "systemd-analyze security: $security"
else
    fail "systemd-analyze security (want <= 2.0)" "$security"
fi
inside systemctl stop "$UNIT"

echo
echo "journal lines (PID 1, notifications from the gateway), first of each:"
for tag in READY=1 WATCHDOG=1 RELOADING=1 STOPPING=1; do
    inside journalctl -b -q -o short-iso --no-pager -u init.scope -g "$UNIT.service: Got notification message .*\($tag" | head -1 | sed 's/^/  /'
done
echo
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
