#!/usr/bin/env bash
# search-vs-notmuch.sh [MESSAGES] [WORD]: `hearth search WORD --limit 50`
# against `notmuch search --limit=50 WORD` on the same mail, process start
# included (issue 13: Hearth no slower than notmuch).
#
# It writes MESSAGES (default 10000) generated community e-mails (English,
# French and Russian words, a third of them replies, 1-12 KB, as
# integrations/imap's benchmark makes them) into a Maildir, indexes it with
# `notmuch new`, serves the same Maildir from a loopback Dovecot and syncs it
# into a fresh Hearth workspace with `hearth sync --once`, then times both
# searches with hyperfine. Needs dovecot-imapd, notmuch and hyperfine
# (apt-get install dovecot-imapd notmuch hyperfine). The mail is kept in
# $TMPDIR/hearth-notmuch-MESSAGES for the next run.
#
# OTHER=/path/to/hearth times another build too (main's, say) in the same
# hyperfine run. Each build searches its own copy of the workspace: a build
# with a newer schema migrates its copy, which an older build would refuse.
# The workspace is synced by OTHER when it is first made, so give the older
# build as OTHER.
set -euo pipefail
n=${1:-10000}
word=${2:-community}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}
cache=$tmp/hearth-notmuch-$n
work=$(mktemp -d)
chmod 755 "$work"
dovecot_pid=
cleanup() {
	[[ -n $dovecot_pid ]] && kill "$dovecot_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

for tool in notmuch hyperfine dovecot; do
	command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { echo "$tool is missing" >&2; exit 1; }
done

if [[ ! -d $cache/mail/cur ]]; then
	echo "writing $n messages into $cache/mail..."
	mkdir -p "$cache/mail/cur" "$cache/mail/new" "$cache/mail/tmp"
	python3 - "$cache/mail/cur" "$n" <<'EOF'
import base64, email.utils, random, sys, time
out, n = sys.argv[1], int(sys.argv[2])
names = ["Анна Петрова", "Marie Dubois", "John Smith", "Иван Иванов", "Émilie Laurent", "Georgi Dimitrov", "Kate O'Neil"]
words = ("community meetup project release thanks question issue weekend stream moderator idea "
         "встреча проект спасибо вопрос сообщество релиз rencontre projet merci question communauté").split()
rng = random.Random(12)
now = time.time()
def mimeword(s):
    return "=?utf-8?b?" + base64.b64encode(s.encode()).decode() + "?="
def sentence(k):
    return " ".join(rng.choice(words) for _ in range(k))
def paragraph(k):
    lines = []
    while k > 0:
        m = min(k, 12); lines.append(sentence(m) + "."); k -= m
    return "\r\n".join(lines) + "\r\n"
for i in range(n):
    date = now - (n - i) * 7 * 60
    h = [f"From: {mimeword(rng.choice(names))} <user{rng.randrange(500)}@example.net>",
         "To: team@example.org", f"Subject: {mimeword(sentence(6))}",
         f"Date: {email.utils.formatdate(date)}", f"Message-Id: <gen-{i}@example.net>"]
    if i > 0 and rng.randrange(3) == 0:
        h += [f"In-Reply-To: <gen-{i-1}@example.net>", f"References: <gen-{i-1}@example.net>"]
    h.append("MIME-Version: 1.0")
    text = paragraph(20 + rng.randrange(250))
    if rng.randrange(2) == 0:
        body = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text
    else:
        html = "<html><body><p>" + text.replace("\r\n", "</p><p>") + "</p></body></html>"
        body = ('Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
                "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text +
                "\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html +
                "\r\n--b1--\r\n")
    with open(f"{out}/{int(date)}.{i}.gen:2,S", "wb") as f:
        f.write(("\r\n".join(h) + "\r\n" + body).encode())
EOF
fi

# notmuch indexes the Maildir in place (its database sits inside it).
export NOTMUCH_CONFIG=$cache/notmuch-config
if [[ ! -d $cache/mail/.notmuch ]]; then
	printf '[database]\npath=%s\n[user]\nname=Bench\nprimary_email=team@example.org\n[new]\ntags=inbox\n' "$cache/mail" >"$NOTMUCH_CONFIG"
	echo "notmuch new..."
	notmuch new --quiet
fi

# Dovecot serves a copy of the same Maildir to Hearth.
syncer=${OTHER:-$work/hearth}
if [[ ! -f $cache/hearth/hearth.db ]]; then
	port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
	internal=dovecot login=dovenull
	[[ $(id -u) == 0 ]] || { internal=$(id -un); login=$internal; }
	mkdir -p "$work/run" "$work/state" "$work/mail/alice"
	cp -r "$cache/mail" "$work/mail/alice/Maildir"
	rm -rf "$work/mail/alice/Maildir/.notmuch"
	[[ $(id -u) == 0 ]] && chown -R "$internal" "$work/mail"
	echo 'alice:{PLAIN}secret::::::' >"$work/users"
	cat >"$work/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $work/run
state_dir = $work/state
log_path = $work/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal
default_internal_group = $internal
default_login_user = $login
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $work/users
}
userdb {
  driver = static
  args = uid=$internal gid=$internal home=$work/mail/%n
}
mail_location = maildir:~/Maildir
first_valid_uid = 0
first_valid_gid = 0
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
EOF
	/usr/sbin/dovecot -F -c "$work/dovecot.conf" &
	dovecot_pid=$!
	for _ in $(seq 1 100); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
	[[ -n ${OTHER:-} ]] || go build -tags "migrated_fynedo nowindow" -o "$work/hearth" "$here/cmd/hearth"
	echo "hearth sync --once (Dovecot on 127.0.0.1:$port)..."
	echo secret | HEARTH_SECRETS_KEY_FILE=$work/key "$syncer" --data "$cache/hearth" --secrets file account add imap \
		--name Bench --host 127.0.0.1 --port "$port" --user alice --tls none --backfill-days -1 --password-stdin --no-test
	HEARTH_SECRETS_KEY_FILE=$work/key "$syncer" --data "$cache/hearth" --secrets file sync --once
	kill "$dovecot_pid"
	dovecot_pid=
fi

[[ -x $work/hearth ]] || go build -tags "migrated_fynedo nowindow" -o "$work/hearth" "$here/cmd/hearth"
# Copies, so that the cache stays as it was synced (a clean shutdown: no WAL
# beside the file).
cp -r "$cache/hearth" "$work/data"
cmds=("$work/hearth --data $work/data search $word --limit 50")
if [[ -n ${OTHER:-} ]]; then
	cp -r "$cache/hearth" "$work/data-other"
	cmds+=("$OTHER --data $work/data-other search $word --limit 50")
fi
hits() { "$@" --json | python3 -c 'import json,sys;print(len(json.load(sys.stdin)))'; }
echo "hits: hearth $(hits "$work/hearth" --data "$work/data" search "$word" --limit 50)${OTHER:+, other $(hits "$OTHER" --data "$work/data-other" search "$word" --limit 50)}, notmuch $(notmuch search --limit=50 "$word" | wc -l)"
hyperfine --warmup 3 --runs "${RUNS:-30}" -N "${cmds[@]}" "notmuch search --limit=50 $word"
