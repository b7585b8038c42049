#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The file-to-file call graph of a set of objects, from their symbols: an
# object that leaves symbol S undefined (nm -u) calls, or reads, the object
# that defines S (a strong definition: T D B R ...; weak and inline
# definitions are copies every object may hold, so they make no edge).
# Prints each circle as "a.c -> b.c -> a.c", one a line, and exits 1 when
# there is one; prints nothing and exits 0 when the files are layered one
# way.  --edges prints the graph instead ("a.c b.c": a.c uses b.c).
#
# usage: sh testsuite/layers/calls.sh [--edges] OBJECT...
NM=${NM:-nm}
edges=
[ "$1" = --edges ] && { edges=1; shift; }
[ $# -gt 0 ] || { echo "ptebatch: error: usage: calls.sh [--edges] OBJECT..." >&2; exit 2; }
for o; do
	[ -f "$o" ] || { echo "ptebatch: error: calls.sh: $o: no such object (build it first: make)" >&2; exit 2; }
done

# "def FILE SYM" and "use FILE SYM" lines, FILE the object's source name
for o; do
	f=$(basename "$o" .o).c
	"$NM" --defined-only -g "$o" | awk -v f="$f" '
		NF >= 3 && $2 ~ /^[TDBRGS]$/ { print "def", f, $3 }' || exit 2
	"$NM" -u "$o" | awk -v f="$f" '{ print "use", f, $NF }' || exit 2
done | awk -v edges="$edges" '
$1 == "def" { def[$3] = $2; next }
{ use[++nu] = $2 SUBSEP $3 }
END {
	for (i = 1; i <= nu; i++) {
		split(use[i], u, SUBSEP)
		if (!(u[2] in def) || def[u[2]] == u[1])
			continue
		e = u[1] SUBSEP def[u[2]]
		if (e in edge)
			continue
		edge[e] = 1
		n = ++nout[u[1]]
		out[u[1], n] = def[u[2]]
		node[u[1]] = node[def[u[2]]] = 1
	}
	if (edges) {
		for (e in edge) {
			split(e, p, SUBSEP)
			print p[1], p[2]
		}
		exit 0
	}
	# depth-first search; an edge back to a file on the stack closes a
	# circle: print the stack from that file on
	found = 0
	for (s in node)
		if (!(s in state))
			dfs(s, 0)
	exit found ? 1 : 0
}
function dfs(v, depth,    i, w, j, line) {
	state[v] = 1
	stack[depth] = v
	for (i = 1; i <= nout[v]; i++) {
		w = out[v, i]
		if ((w in state) && state[w] == 1) {
			line = ""
			for (j = 0; j <= depth; j++)
				if (line != "" || stack[j] == w)
					line = line stack[j] " -> "
			print line w
			found = 1
		} else if (!(w in state))
			dfs(w, depth + 1)
	}
	state[v] = 2
}'
