#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ptebatch bot on a public-inbox v2 archive made by Debian's public-inbox
# (public-inbox-init -V2, public-inbox-mda) from series that git
# format-patch made on a git tree of Linux 7.3 files; lint compiles in the
# prepared linux-7.3-check tree (mm/ built), on its smallest files, so the
# suite takes seconds.  The archive holds:
#   clean     v1, cover + 2 patches (comments in mm/mmzone.c and
#             mm/interval_tree.c), base-commit: the tree's: no mail
#   vmbug     v1, cover + 2 (b4's change-id): each adds a VM_BUG_ON();
#             2/2 is quoted-printable: 2 replies
#   vmbug     v2, the same change-id, in reply to v1: 1/2 fixed
#             (VM_WARN_ON_ONCE), 2/2 keeps v1's VM_BUG_ON and adds one: 1
#             reply with the new finding only, v1's 1/2 finding fixed
#   stale     a patch whose context the tree lacks: does not apply, no mail
#   broken    a patch mail with a hunk cut short: does not apply, no mail
#   docs      a non-mm patch (Documentation/), base-commit: not in the
#             tree: applied on the branch, clean, no mail
#   partial   cover + 1 of 3: waits; gives up after --max-wait
#   a review reply (Re: [PATCH ...]): no series
# Then: the outbox and the database against what is expected, a rerun
# (nothing new), the lock, a run killed midway then resumed, a maildir
# with a mail without Message-ID, the dashboard in headless Chromium.
cd "$(dirname "$0")/../.." || exit 2
repo=$(pwd)
cli=${PTEBATCH_CLI:-$repo/tools/ptebatch}
pass=0 fail=0 skip=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bot.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
[ -n "${PTEBATCH_BOT_DEBUG:-}" ] && { trap - EXIT; echo "NOTE kept $tmp"; }
. testsuite/lib.sh
export LC_ALL=C
T=${PTEBATCH_BOT_TREE:-/var/cache/ptebatch/linux-7.3-check}
# the tests' clock: replies' Date:, the incomplete series' wait
NOW=1796601600
check() { if eval "$2"; then ok; else ko "$1"; fi; }

NTESTS=41
if [ ! -f "$T/.config" ] || [ ! -f "$T/mm/.mmzone.o.cmd" ]; then
	skipped -n $NTESTS "bot: no prepared $T (make check-kernel TREES=7.3, or sh testsuite/kernel/prepare.sh --version 7.3)"
	echo "$pass passed, $fail failed, $skip skipped"
	exit 0
fi
# The archive's maker, the database's shell and the dashboard's browser:
# installed here, as
# root, when missing, so that a machine without the 7.3 tree (make
# check-fresh) does not download them for a suite that skips.
want() {
	command -v "$1" >/dev/null && return 0
	[ "$(id -u)" = 0 ] || return 1
	echo "NOTE installing $2 (apt-get install --no-install-recommends $2)"
	for try in 1 2; do
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" > "$tmp/apt.log" 2>&1 && break
		apt-get update -qq > /dev/null 2>&1
	done
	command -v "$1" >/dev/null
}
if ! want public-inbox-mda public-inbox || ! want sqlite3 sqlite3; then
	skipped -n $NTESTS "bot: no public-inbox or sqlite3 (as root, this suite installs them: apt-get install public-inbox sqlite3)"
	echo "$pass passed, $fail failed, $skip skipped"
	exit 0
fi

# ---- the kernel git tree: 7.3's files the series touch, one commit ----
export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL=ann@example.org
export GIT_COMMITTER_NAME="Ann Author" GIT_COMMITTER_EMAIL=ann@example.org
export GIT_AUTHOR_DATE="2026-12-01T00:00:00Z" GIT_COMMITTER_DATE="2026-12-01T00:00:00Z"
L=$tmp/linux
mkdir -p "$L/mm" "$L/Documentation/mm"
cp "$T/mm/mmzone.c" "$T/mm/interval_tree.c" "$L/mm/"
cp "$T/Documentation/mm/index.rst" "$L/Documentation/mm/"
git -C "$L" init -q -b master && git -C "$L" add -A && git -C "$L" commit -q -m "Linux 7.3 (the files the test series touch)" ||
	{ ko "git tree"; echo "$pass passed, $fail failed, $skip skipped"; exit 1; }
base=$(git -C "$L" rev-parse HEAD)

# ---- the series, written by git format-patch in a clone ----
A=$tmp/author
git clone -q "$L" "$A"
S=$tmp/series
mkdir -p "$S"
n=0
# commit FILE SED SUBJECT: a commit of the author's clone
commit() {
	sed -i "$2" "$A/$1"
	git -C "$A" diff --quiet && ko "commit $3: the sed script changed nothing"
	git -C "$A" commit -q -a -m "$3" -m "Body of: $3" || ko "commit $3"
}
# mail NAME ID IRT DATE FILE: the format-patch FILE as a list mail
# <ID@test>, in reply to <IRT@test> (- for none)
mail() {
	{
		sed -n '2,/^$/p' "$5" | sed '/^$/d; /^Date:/d'
		echo "Message-ID: <$2@test>"
		[ "$3" = - ] || printf 'In-Reply-To: <%s@test>\nReferences: <%s@test>\n' "$3" "$3"
		echo "To: linux-mm@kvack.org"
		echo "Cc: Rev Iewer <rev@example.org>"
		echo "Date: $4"
		echo
		sed '1,/^$/d' "$5"
	} > "$S/$1.eml"
	n=$((n + 1))
	echo "$1" >> "$S/order"
}
# series NAME VERSION DATE COUNT [CHANGE-ID] [BASE]: format-patch of the
# last COUNT commits, with a cover letter when COUNT > 1
series() {
	name=$1 v=$2 date=$3 count=$4 cid=${5:-} b=${6:-$base}
	rm -rf "$tmp/fp"
	pre="PATCH"
	[ "$v" -gt 1 ] && pre="PATCH v$v"
	cover=
	[ "$count" -gt 1 ] && cover=--cover-letter
	git -C "$A" format-patch -q $cover --subject-prefix="$pre" --base="$base" -o "$tmp/fp" "HEAD~$count"
	if [ "$b" != "$base" ]; then
		sed -i "s/^base-commit: .*/base-commit: $b/" "$tmp/fp"/*.patch
	fi
	irt=-
	[ -n "${IRT:-}" ] && irt=$IRT
	for f in "$tmp/fp"/*.patch; do
		k=$(basename "$f" | cut -c1-4 | sed 's/^0*//')
		[ -n "$k" ] || k=0
		if [ -n "$cover" ] && [ "$k" = 0 ]; then
			sed -i "s/\*\*\* SUBJECT HERE \*\*\*/$name: the series/; s/\*\*\* BLURB HERE \*\*\*/About $name./" "$f"
			[ -n "$cid" ] && printf '\n---\nchange-id: %s\n' "$cid" >> "$f"
			mail "$name-v$v-0" "$name-v$v-0" "$irt" "$date" "$f"
		elif [ -n "$cover" ]; then
			mail "$name-v$v-$k" "$name-v$v-$k" "$name-v$v-0" "$date" "$f"
		else
			mail "$name-v$v-1" "$name-v$v-1" "$irt" "$date" "$f"
		fi
	done
}
next_zone='/^struct zone \*next_zone(/,/^}/'
itree='/^void mapping_rmap_tree_insert_after(/,/^}/'
itree2='/^static pgoff_t avc_start_pgoff(/,/^}/'
itree3='/^static pgoff_t avc_last_pgoff(/,/^}/'

git -C "$A" checkout -q -b clean
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|\t/* the zone's node */\n&|" "mm: mmzone: say whose node next_zone() starts from"
commit mm/interval_tree.c "$itree s|^\tVM_WARN_ON_ONCE_VMA(vma_start_pgoff(vma) != vma_start_pgoff(prev), vma);\$|&\n\t/* the new node goes right of prev */|" "mm: interval_tree: say where the node goes"
series clean 1 "Tue, 1 Dec 2026 10:00:00 +0000" 2

git -C "$A" checkout -q -b vmbug master
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|&\n\n\tVM_BUG_ON(!zone);|" "mm: mmzone: catch a NULL zone in next_zone()"
commit mm/interval_tree.c "$itree2 s|^{\$|&\n\tVM_BUG_ON(!avc);|" "mm: interval_tree: catch a NULL anon_vma_chain"
series vmbug 1 "Tue, 1 Dec 2026 11:00:00 +0000" 2 20261201-vmbug-c0ffee
# 2/2 quoted-printable, as some mailers send it (git am decodes it)
f=$S/vmbug-v1-2.eml
{
	sed -n '1,/^$/p' "$f" | sed '/^$/d' | grep -v -i -E '^(Content-Transfer-Encoding|Content-Type|MIME-Version):'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n'
	sed '1,/^$/d' "$f" | sed 's/=/=3D/g; s/\t/=09/g'
} > "$f.qp" && mv "$f.qp" "$f"
check "the quoted-printable mail is encoded" "grep -q '^+=09VM_BUG_ON(!avc);' '$f'"

git -C "$A" checkout -q -b vmbug2 master
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|&\n\n\tVM_WARN_ON_ONCE(!zone);|" "mm: mmzone: catch a NULL zone in next_zone()"
commit mm/interval_tree.c "$itree2 s|^{\$|&\n\tVM_BUG_ON(!avc);|; $itree3 s|^{\$|&\n\tVM_BUG_ON(!avc->vma);|" "mm: interval_tree: catch a NULL anon_vma_chain"
IRT=vmbug-v1-0 series vmbug 2 "Tue, 1 Dec 2026 12:00:00 +0000" 2 20261201-vmbug-c0ffee

git -C "$A" checkout -q -b stale master
commit mm/mmzone.c "$next_zone s|^\t\tzone++;\$|\t\tzone += 1;|" "mm: mmzone: step the zone explicitly"
series stale 1 "Tue, 1 Dec 2026 13:00:00 +0000" 1
sed -i 's/^ \tif (zone < pgdat->node_zones + MAX_NR_ZONES - 1)$/ \tif (zone < pgdat->node_zones + MAX_NR_ZONES - 2)/' "$S/stale-v1-1.eml"

git -C "$A" checkout -q -b broken master
commit mm/mmzone.c "$next_zone s|^\t\tzone++;\$|\t\tzone += 1;|" "mm: mmzone: a patch cut short"
series broken 1 "Tue, 1 Dec 2026 14:00:00 +0000" 1
sed -i '/^ \telse {$/,$d' "$S/broken-v1-1.eml"

git -C "$A" checkout -q -b docs master
commit Documentation/mm/index.rst '1,/^$/ s/^$/\n.. the mm documentation\n/' "docs: mm: a comment in the index"
series docs 1 "Tue, 1 Dec 2026 15:00:00 +0000" 1 "" 0123456789abcdef0123456789abcdef01234567

# binary: a patch that adds a binary file (format-patch writes a GIT
# binary patch): applied and linted like any other, nothing to say
git -C "$A" checkout -q -b binary master
printf 'PTB\000\001\002\377\376\n\000end' > "$A/Documentation/mm/logo.bin"
git -C "$A" add Documentation/mm/logo.bin && git -C "$A" commit -q -m "docs: mm: a logo" || ko "commit binary"
series binary 1 "Tue, 1 Dec 2026 15:30:00 +0000" 1
check "the binary series is a GIT binary patch" "grep -q '^GIT binary patch' '$S/binary-v1-1.eml'"

git -C "$A" checkout -q -b partial master
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|\t/* one */\n&|" "mm: partial one"
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|\t/* two */\n&|" "mm: partial two"
commit mm/mmzone.c "$next_zone s|^\tpg_data_t \*pgdat = zone->zone_pgdat;\$|\t/* three */\n&|" "mm: partial three"
series partial 1 "Tue, 1 Dec 2026 16:00:00 +0000" 3
grep -v '^partial-v1-[23]$' "$S/order" > "$S/order.new" && mv "$S/order.new" "$S/order"

cat > "$S/reply.eml" <<'EOF'
From: Rev Iewer <rev@example.org>
To: linux-mm@kvack.org
Subject: Re: [PATCH 1/2] mm: mmzone: say whose node next_zone() starts from
Message-ID: <review-1@test>
In-Reply-To: <clean-v1-1@test>
References: <clean-v1-0@test> <clean-v1-1@test>
Date: Tue, 1 Dec 2026 17:00:00 +0000

Looks good.
EOF
echo reply >> "$S/order"

# the QP mail: git am applies it, and lint reads it as git am does
git -C "$A" checkout -q --detach master
check "git am applies the quoted-printable mail" "git -C '$A' am -q '$S/vmbug-v1-2.eml' 2>'$tmp/err' || git -C '$A' am -q '$S/vmbug-v1-1.eml' '$S/vmbug-v1-2.eml' 2>'$tmp/err'"
git -C "$A" am --abort 2>/dev/null
"$cli" lint --tree "$T" "$S/vmbug-v1-2.eml" > "$tmp/qp.out" 2> "$tmp/err"
check "lint of the quoted-printable mail: its finding, exit 1" "[ \$? -eq 1 ] && grep -q 'mm/interval_tree.c:[0-9]*:[0-9]*: warning: VM_BUG_ON.*\[ptebatch-vm-bug\]' '$tmp/qp.out'"

# ---- the archive ----
export PI_CONFIG=$tmp/pi/config HOME=$tmp/pi
mkdir -p "$tmp/pi"
public-inbox-init -V2 -L basic linux-mm "$tmp/archive" http://example.org/linux-mm linux-mm@kvack.org > "$tmp/err" 2>&1 || ko "public-inbox-init"
git config -f "$PI_CONFIG" publicinboxmda.spamcheck none
while read -r m; do
	ORIGINAL_RECIPIENT=linux-mm@kvack.org public-inbox-mda --no-precheck < "$S/$m.eml" 2> "$tmp/err" || ko "public-inbox-mda $m"
done < "$S/order"
msgs=$(wc -l < "$S/order")
check "the archive holds the $msgs mails (git/0.git)" "[ \$(git --git-dir='$tmp/archive/git/0.git' rev-list --count HEAD) -eq $msgs ]"

# ---- run 1 ----
O=$tmp/outbox
D=$tmp/state/bot.db
# chunks of 4 commits: an epoch read in several git cat-file --batch runs
export PTEBATCH_BOT_BATCH=4
bot() {
	PTEBATCH_BOT_NOW=${BOT_NOW:-$NOW} "$cli" bot --archive "$tmp/archive" --tree "$L" --build "$T" \
		--branch master --db "$D" --outbox "$O" --dashboard "$tmp/dash" \
		--from "ptebatch bot <bot@example.org>" "$@"
}
mkdir -p "$tmp/state"
start=$(date +%s)
bot > "$tmp/run1" 2> "$tmp/err"
st=$?
echo "NOTE run 1: $(($(date +%s) - start)) s: $(tail -n 1 "$tmp/run1")"
check "run 1 exits 0" "[ $st -eq 0 ]"
check "run 1: $msgs messages, 7 series done, 1 waiting, 3 replies" \
	"tail -n 1 '$tmp/run1' | grep -q ': $msgs new messages (0 malformed), 7 series done (3 clean, 2 with findings, 2 not applying, 0 other), 1 waiting, 3 replies written'"
q() { sqlite3 "$D" "$1"; }
check "db: series statuses" "[ \"\$(q \"SELECT root || ' ' || status FROM series ORDER BY root\" | tr '\n' ' ')\" = 'binary-v1-1@test clean broken-v1-1@test does-not-apply clean-v1-0@test clean docs-v1-1@test clean partial-v1-0@test waiting stale-v1-1@test does-not-apply vmbug-v1-0@test findings vmbug-v2-0@test findings ' ]"
check "db: v1 and v2 share their series key (b4's change-id)" "[ \"\$(q \"SELECT DISTINCT skey FROM series WHERE root LIKE 'vmbug%'\")\" = 'change-id:20261201-vmbug-c0ffee' ]"
check "db: base-commit: found in the tree" "[ \"\$(q \"SELECT base FROM series WHERE root='clean-v1-0@test'\")\" = '$base' ] && q \"SELECT base_how FROM series WHERE root='clean-v1-0@test'\" | grep -q \"^the series' base-commit:\""
check "db: base-commit: not in the tree: the branch" "q \"SELECT base_how FROM series WHERE root='docs-v1-1@test'\" | grep -q '^master (base-commit 0123456789abcdef0123456789abcdef01234567 is not in the tree)'"
check "db: does-not-apply says where" "q \"SELECT detail FROM series WHERE root='stale-v1-1@test'\" | grep -q 'Patch failed at 0001'"
check "db: v1 findings: one per patch" "[ \"\$(q \"SELECT nr || ' ' || file || ' ' || chk || ' ' || new FROM found WHERE root='vmbug-v1-0@test' ORDER BY nr\" | tr '\n' ' ')\" = '1 mm/mmzone.c vm-bug 1 2 mm/interval_tree.c vm-bug 1 ' ]"
check "db: v2: v1's 2/2 finding not new, one new" "[ \"\$(q \"SELECT nr || ' ' || new FROM found WHERE root='vmbug-v2-0@test' ORDER BY nr, new\" | tr '\n' ' ')\" = '2 0 2 1 ' ]"
check "db: v1's 1/2 finding fixed in v2" "[ \"\$(q \"SELECT count(*) FROM findings WHERE status='fixed' AND fixed_in=2 AND first_root='vmbug-v1-0@test'\")\" = 1 ] && [ \"\$(q \"SELECT count(*) FROM findings WHERE status='open'\")\" = 2 ]"
check "db: the review reply is no series" "[ \"\$(q \"SELECT kind FROM messages WHERE msgid='review-1@test'\")\" = other ]"
check "db: replies: v1 1/2, v1 2/2, v2 2/2" "[ \"\$(q 'SELECT patch FROM replies ORDER BY patch' | tr '\n' ' ')\" = 'vmbug-v1-1@test vmbug-v1-2@test vmbug-v2-2@test ' ]"

# ---- the outbox ----
check "outbox: 3 replies in new/" "[ \$(ls '$O/new' | wc -l) -eq 3 ] && [ \$(ls '$O/tmp' | wc -l) -eq 0 ]"
r=$(grep -l '^In-Reply-To: <vmbug-v2-2@test>' "$O"/new/* | head -n 1)
check "outbox: the v2 reply answers v2 2/2" "[ -n '$r' ]"
[ -n "$r" ] || r=/dev/null
cp "$r" "$tmp/reply-v2.eml" 2>/dev/null
check "reply: headers" "grep -q '^From: ptebatch bot <bot@example.org>' '$r' && grep -q '^To: Ann Author <ann@example.org>' '$r' &&
	grep -q '^Cc: linux-mm@kvack.org, Rev Iewer <rev@example.org>' '$r' && grep -q '^Subject: Re: \[PATCH v2 2/2\] mm: interval_tree: catch a NULL anon_vma_chain' '$r' &&
	grep -q '^References: <vmbug-v2-0@test> <vmbug-v2-2@test>' '$r' && grep -q '^Message-I[dD]: <ptebatch-[0-9a-f]*@example.org>' '$r'"
check "reply: the new finding only, in GCC's format, with how to fix" "[ \$(grep -c '\[ptebatch-vm-bug\]' '$r') -eq 1 ] && grep -q '^mm/interval_tree.c:[0-9]*:[0-9]*: warning: VM_BUG_ON() crashes' '$r' && grep -q 'how to fix: .*vm-bug.md' '$r'"
check "reply: the patch's line quoted with >>" "grep -q '^>> *[0-9]*	.*VM_BUG_ON(!avc->vma);' '$r'"
check "reply: what ran, reproduce, trailers" "grep -q '^  base: *$base' '$r' && grep -q '^  compiler: ' '$r' && grep -q \"b4 am -o - 'vmbug-v2-2@test' | ptebatch lint --tree\" '$r' && grep -q '^| Reported-by: ptebatch bot <bot@example.org>' '$r' && grep -q '^| Closes: https://lore.kernel.org/r/ptebatch-' '$r'"
r1=$(grep -l '^In-Reply-To: <vmbug-v1-2@test>' "$O"/new/* | head -n 1)
check "reply to the quoted-printable patch: its line decoded" "[ -n '$r1' ] && grep -q '^>> *[0-9]*	.*VM_BUG_ON(!avc);' '$r1'"
check "no reply to clean, non-mm, binary, not applying, waiting series" "! grep -l -E '^In-Reply-To: <(clean|docs|binary|stale|broken|partial)' '$O'/new/* >/dev/null"

# ---- rerun: nothing new ----
(cd "$O/new" && md5sum *) > "$tmp/sums1"
dump() { q "SELECT * FROM series ORDER BY root; SELECT skey, fingerprint, status, fixed_in FROM findings ORDER BY 1, 2; SELECT msgid, patch, file FROM replies ORDER BY 1; SELECT count(*) FROM messages;"; }
dump > "$tmp/db1"
bot > "$tmp/run2" 2> "$tmp/err"
check "rerun: nothing new" "[ \$? -eq 0 ] && tail -n 1 '$tmp/run2' | grep -q ': 0 new messages (0 malformed), 0 series done (0 clean, 0 with findings, 0 not applying, 0 other), 1 waiting, 0 replies written'"
(cd "$O/new" && md5sum *) > "$tmp/sums2"
dump > "$tmp/db2"
check "rerun: the outbox and the database unchanged" "cmp -s '$tmp/sums1' '$tmp/sums2' && cmp -s '$tmp/db1' '$tmp/db2'"

# ---- the lock ----
flock "$D.lock" sh -c 'echo $$ > "$1"; exec sleep 20' sh "$tmp/holder" &
holder=$!
for i in $(seq 1 50); do [ -s "$tmp/holder" ] && break; sleep 0.1; done
bot > "$tmp/out" 2> "$tmp/err"
check "a second run while one holds the lock: exit 3, one line" "[ \$? -eq 3 ] && grep -q 'another run holds .*bot.db.lock' '$tmp/err' && [ \$(wc -l < '$tmp/err') -eq 1 ]"
kill "$(cat "$tmp/holder")" 2>/dev/null
wait "$holder" 2>/dev/null

# ---- the incomplete series gives up after --max-wait ----
BOT_NOW=$((NOW + 2 * 86400)) bot --max-wait 24 > "$tmp/run3" 2> "$tmp/err"
check "after --max-wait: the incomplete series is done, no mail" "tail -n 1 '$tmp/run3' | grep -q '1 series done (0 clean, 0 with findings, 0 not applying, 1 other), 0 waiting, 0 replies' && [ \"\$(q \"SELECT status || final FROM series WHERE root='partial-v1-0@test'\")\" = incomplete1 ] && [ \$(ls '$O/new' | wc -l) -eq 3 ]"

# ---- a run killed midway, then resumed: the same result ----
D2=$tmp/state2/bot.db
O2=$tmp/outbox2
mkdir -p "$tmp/state2"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --archive "$tmp/archive" --tree "$L" --build "$T" --branch master \
	--db "$D2" --outbox "$O2" --from "ptebatch bot <bot@example.org>" > /dev/null 2>&1 &
killme=$!
# killed once the first series with findings is recorded
for i in $(seq 1 200); do
	[ "$(sqlite3 "$D2" "SELECT count(*) FROM series WHERE final=1" 2>/dev/null || echo 0)" -ge 3 ] && break
	sleep 0.1
done
kill -9 "$killme" 2>/dev/null
wait "$killme" 2>/dev/null
# as if killed inside git commands of its worktree: their locks left
wtd=$(git -C "$D2.work/worktree" rev-parse --absolute-git-dir 2>/dev/null) &&
	: > "$wtd/index.lock" && : > "$wtd/HEAD.lock"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --archive "$tmp/archive" --tree "$L" --build "$T" --branch master \
	--db "$D2" --outbox "$O2" --from "ptebatch bot <bot@example.org>" > "$tmp/run-resumed" 2> "$tmp/err"
sqlite3 "$D2" 'SELECT root, status FROM series ORDER BY root; SELECT patch FROM replies ORDER BY patch' > "$tmp/resumed" 2>&1
q "SELECT root, CASE WHEN root='partial-v1-0@test' THEN 'waiting' ELSE status END FROM series ORDER BY root; SELECT patch FROM replies ORDER BY patch" > "$tmp/whole"
ls "$O2/new" | wc -l >> "$tmp/resumed"
echo 3 >> "$tmp/whole"
if cmp -s "$tmp/whole" "$tmp/resumed"; then ok; else
	ko "killed and resumed: the same series, findings and replies"
	diff "$tmp/whole" "$tmp/resumed" | sed 's/^/    /'
	tail -n 3 "$tmp/run-resumed" | sed 's/^/    run: /'
fi

# ---- a maildir and an mbox: each message once, a mail without Message-ID ----
M=$tmp/maildir
mkdir -p "$M/new" "$M/cur" "$M/tmp"
cp "$S/vmbug-v1-0.eml" "$S/vmbug-v1-1.eml" "$S/vmbug-v1-2.eml" "$M/new/"
printf 'From: x@example.org\nSubject: [PATCH] no message-id\n\n--- a/mm/mmzone.c\n+++ b/mm/mmzone.c\n' > "$M/new/noid"
D3=$tmp/state3/bot.db
mkdir -p "$tmp/state3"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --maildir "$M" --tree "$L" --build "$T" --branch master --db "$D3" --outbox "$tmp/outbox3" > "$tmp/out" 2> "$tmp/err"
check "maildir: 4 messages, 1 malformed, the series answered" "tail -n 1 '$tmp/out' | grep -q ': 4 new messages (1 malformed), 1 series done (0 clean, 1 with findings, 0 not applying, 0 other), 0 waiting, 2 replies' && [ \$(ls '$tmp/outbox3/new' | wc -l) -eq 2 ]"
mkdir -p "$tmp/state4"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --maildir "$M" --tree "$L" --build "$T" --branch master --db "$tmp/state4/bot.db" \
	--outbox "$tmp/outbox4" --max-bytes 1000 > "$tmp/out" 2> "$tmp/err"
check "--max-bytes: a larger series recorded as too large, not applied, no mail" "[ \"\$(sqlite3 '$tmp/state4/bot.db' 'SELECT status, detail FROM series')\" = 'too-large|'\$(cat '$M/new/vmbug-v1-1.eml' '$M/new/vmbug-v1-2.eml' | wc -c)' bytes, over --max-bytes 1000: not applied' ] && [ \$(ls '$tmp/outbox4/new' | wc -l) -eq 0 ]"
mkdir -p "$tmp/state5"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --maildir "$M" --tree "$L" --build "$T" --db "$tmp/state5/bot.db" \
	--outbox "$tmp/outbox5" --since 2026-12-02 > "$tmp/out" 2> "$tmp/err"
check "--since: older mails seen, no series" "tail -n 1 '$tmp/out' | grep -q ': 4 new messages (1 malformed), 0 series done' && [ \"\$(sqlite3 '$tmp/state5/bot.db' \"SELECT count(*) FROM messages WHERE kind='old' AND length(raw)=0\")\" = 3 ]"
# an unquoted "From " line in a commit message, before its Signed-off-by:,
# is no new message (mboxo, as git format-patch writes)
for m in vmbug-v1-0 vmbug-v1-1 vmbug-v1-2; do printf 'From mboxrd@z Thu Jan  1 00:00:00 1970\n'; cat "$S/$m.eml"; echo; done |
	sed '0,/^Body of: mm: mmzone/s//From 12:00:00 on, a zone may be NULL.\nSigned-off-by: Ann Author <ann@example.org>\n&/' > "$tmp/series.mbox"
PTEBATCH_BOT_NOW=$NOW "$cli" bot --mbox "$tmp/series.mbox" --tree "$L" --build "$T" --branch master --db "$D3" --outbox "$tmp/outbox3" > "$tmp/out" 2> "$tmp/err"
check "mbox of the same series (a 'From ' line in a message): nothing new" "tail -n 1 '$tmp/out' | grep -q ': 0 new messages (0 malformed), 0 series done'"
"$cli" bot --mbox "$tmp/nonexistent" --tree "$L" --build "$T" --db "$D3" --outbox "$tmp/outbox3" > "$tmp/out" 2> "$tmp/err"
check "a missing mbox: exit 2, one line" "[ \$? -eq 2 ] && [ \$(wc -l < '$tmp/err') -eq 1 ] && grep -q '^ptebatch: error: .*nonexistent' '$tmp/err'"
"$cli" bot --archive "$tmp/archive" --tree "$T" --db "$D3" --outbox "$tmp/outbox3" > "$tmp/out" 2> "$tmp/err"
check "a tree that is no git repository: exit 2, one line" "[ \$? -eq 2 ] && [ \$(wc -l < '$tmp/err') -eq 1 ] && grep -q 'not a git repository' '$tmp/err'"
check "the user's tree untouched: no change, no new commit" "[ -z \"\$(git -C '$L' status --porcelain)\" ] && [ \"\$(git -C '$L' rev-parse HEAD)\" = '$base' ]"

# ---- the dashboard, in headless Chromium ----
check "dashboard: run-1.html and index.html (run 3's)" "[ -f '$tmp/dash/run-1.html' ] && [ -f '$tmp/dash/index.html' ] && grep -q 'run 3' '$tmp/dash/index.html'"
check "dashboard: no script, the series and their findings" "! grep -qi '<script' '$tmp/dash/run-1.html' && grep -q 'vmbug: the series' '$tmp/dash/run-1.html' && grep -q 'does-not-apply' '$tmp/dash/run-1.html' && grep -q 'VM_BUG_ON(!avc-&gt;vma);' '$tmp/dash/run-1.html' && grep -q 'patch 1: new, answered; <b>fixed in v2</b>' '$tmp/dash/run-1.html'"
chrome=
for c in chromium chromium-browser google-chrome; do command -v "$c" >/dev/null && { chrome=$c; break; }; done
[ -z "$chrome" ] && want chromium chromium && chrome=chromium
if [ -z "$chrome" ]; then
	skipped -n 2 "bot: no chromium for the dashboard's screenshot (as root, this suite installs it: apt-get install chromium)"
else
	shot() {
		timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
			--user-data-dir="$tmp/chrome" --hide-scrollbars --window-size=1000,700 \
			--screenshot="$2" "file://$1" > "$tmp/chrome.log" 2>&1
	}
	printf '<!DOCTYPE html><html><body></body></html>\n' > "$tmp/blank.html"
	shot "$tmp/dash/run-1.html" "$tmp/dash.png"
	shot "$tmp/blank.html" "$tmp/blank.png"
	# PNG: width and height at bytes 17-24 of the IHDR chunk
	dims=$(od -An -tu1 -j16 -N8 "$tmp/dash.png" 2>/dev/null | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')
	check "dashboard: Chromium renders it (a 1000x700 screenshot)" "[ '$dims' = 1000x700 ]"
	# a page with the table and the findings compresses far worse than a blank one
	check "dashboard: the screenshot is not blank" "[ \$(wc -c < '$tmp/dash.png') -gt \$((4 * \$(wc -c < '$tmp/blank.png'))) ]"
	[ -n "${PTEBATCH_BOT_KEEP:-}" ] && cp "$tmp/dash.png" "$tmp/reply-v2.eml" "$tmp/dash/run-1.html" "$PTEBATCH_BOT_KEEP/"
fi
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
