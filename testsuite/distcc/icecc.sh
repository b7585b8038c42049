# SPDX-License-Identifier: GPL-2.0-only
#
# The icecream part of testsuite/distcc/run.sh (sourced: its namespaces,
# tree, helpers and local build).  icecc ships the compiler, and the plugin
# of -fplugin=, to the node as an environment, and with gcc it preprocesses
# only the directives on the client (-fdirectives-only): the node expands
# the macros, so vm-bug runs there too.  ICECC_CARET_WORKAROUND=0: icecc
# otherwise compiles every file that printed a warning again locally.
# The scheduler and a daemon that takes no jobs run in the client
# namespace, a daemon with two job slots in the node; each daemon in a
# private mount namespace (/run a tmpfs), with its own socket.
if ! command -v icecc >/dev/null 2>&1 || ! command -v iceccd >/dev/null 2>&1 ||
   ! command -v icecc-scheduler >/dev/null 2>&1; then
	skip_all $NR_ICECC "no icecc, iceccd or icecc-scheduler; run make deps"
	return 0 2>/dev/null || exit 0
fi
ice=$tmp/icecc
net=ptebatch$id
mkdir -p "$ice/c" "$ice/n"
# the daemons drop root for the icecc user (Debian's), or nobody
iceuser=icecc
id icecc >/dev/null 2>&1 || iceuser=nobody
chown "$iceuser" "$ice/c" "$ice/n"
export ICECC_TEST_SOCKET="$ice/c/iceccd.socket"
# private /run: iceccd makes /var/run/icecc
private_run='mount -t tmpfs -o size=1m ptebatch-run /run && exec "$@"'
ip netns exec $ns_cli unshare -m --propagation private sh -c "$private_run" sh \
	icecc-scheduler -n $net -l "$ice/c/scheduler.log" -vvv &
ip netns exec $ns_cli unshare -m --propagation private sh -c "$private_run" sh \
	iceccd -n $net -s $cli_ip -N ptebatch-client -m 0 --no-remote -b "$ice/c/envs" \
	-l "$ice/c/iceccd.log" -vv &
# The node daemon reads an idle CPU: the scheduler gives no job to a node
# whose load (iceccd's ticks from /proc/stat, which no namespace separates)
# is the machine's, busy with other work; a /proc/stat that never changes
# is an idle one to iceccd.  Bind-mounted in the node's mount namespace only.
cp /proc/stat "$ice/n/stat"
ip netns exec $ns_node unshare -m --propagation private sh -c \
	'mount -t tmpfs -o size=1m ptebatch-hidden "$0" && mount --bind "$1" /proc/stat && shift && '"$private_run" "$work" "$ice/n/stat" \
	env ICECC_TEST_SOCKET="$ice/n/iceccd.socket" \
	iceccd -n $net -s $cli_ip -N ptebatch-node -m 2 -b "$ice/n/envs" \
	-l "$ice/n/iceccd.log" -vvv &
connected=
for i in $(seq 150); do
	grep -q 'Connected to scheduler' "$ice/c/iceccd.log" 2>/dev/null &&
		grep -q 'Connected to scheduler' "$ice/n/iceccd.log" 2>/dev/null && { connected=1; break; }
	sleep 0.2
done
[ -n "$connected" ] && ok || ko "icecream: the daemons did not reach the scheduler within 30 s"

export ICECC_CARET_WORKAROUND=0 ICECC_DEBUG=info ICECC_LOGFILE="$ice/client.log"
clean_objs
t0=$(date +%s)
(cd "$work" && timeout 1200 ip netns exec $ns_cli nice make -j2 CC="icecc gcc" \
	KCFLAGS="-fplugin=$top/plugin/ptebatch_plugin.so $pflags -fplugin-arg-ptebatch_plugin-output=-" \
	$objs) >"$tmp/icecc.log" 2>&1
st=$?
echo "NOTE icecream build of $objs: $(($(date +%s) - t0)) s"
unset ICECC_CARET_WORKAROUND ICECC_DEBUG ICECC_LOGFILE ICECC_TEST_SOCKET
[ $st -eq 0 ] && ok || {
	ko "icecream build failed ($st$([ $st -eq 124 ] && echo ': timed out after 20 min'))"
	grep -v '^{' "$tmp/icecc.log" | tail -5
	grep -m 3 'No suitable host found' "$ice/c/scheduler.log"
}
save_objs "$tmp/icecc"
same_objs "icecream objects" "$tmp/local" "$tmp/icecc"
n=0
for f in $files; do
	grep -q "remote compile for file $f\$" "$ice/n/iceccd.log" && n=$((n + 1))
done
[ $n -eq "$(echo "$files" | wc -w)" ] && ok ||
	ko "icecream node log: $n of $(echo "$files" | wc -w) files compiled there"
echo "NOTE icecream node log: $(grep -c 'remote compile for file' "$ice/n/iceccd.log") remote compiles, e.g.:"
grep "remote compile for file mm/rmap.c" "$ice/n/iceccd.log" | head -1 | sed 's/^/    /'
grep 'BEGIN: .*server=ptebatch-node' "$ice/c/scheduler.log" | head -1 | sed 's/^/    /'
# (Kconfig's probes of options fail their local cpp and run locally: fine)
grep -q 'stdout/stderr workaround' "$ice/client.log" &&
	ko "icecream: a compile that printed findings ran again locally" || ok
nb=$(grep -c '^{.*"columns":"byte"}$' "$tmp/icecc.log")
nr=$(grep -c '^{"file":' "$tmp/icecc.log")
[ "$nr" -gt 0 ] && [ "$nb" -eq "$nr" ] && ok ||
	ko "icecream node records: $nb of $nr with byte columns (the node saw the sources?)"
report "$tmp/icecc.json" "$tmp/icecc.log" --checks=$dataflow || ko "report of the icecream log failed"
if [ -s "$tmp/icecc.json" ] && cmp -s "$tmp/local-dataflow.json" "$tmp/icecc.json"; then
	ok
else
	ko "icecream findings differ from the local build's"
	diff "$tmp/local-dataflow.json" "$tmp/icecc.json" | head -6
fi
# vm-bug runs on the node here, but -fdirectives-only joins a multi-line
# #define into one line: a use inside such a definition moves
report "$tmp/icecc-vm.json" "$tmp/icecc.log" --checks=vm-bug
report "$tmp/local-vm.json" "$tmp/local.d" --checks=vm-bug
echo "NOTE icecream vm-bug: $(sort "$tmp/local-vm.json" "$tmp/icecc-vm.json" | uniq -d | wc -l) of $(wc -l <"$tmp/local-vm.json") local findings identical, $(wc -l <"$tmp/icecc-vm.json") in all"
