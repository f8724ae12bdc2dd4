package rules

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/textproto"
	"strings"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// ReplyEvery is how often one author may get an auto-reply: at most once
// in a rolling day, whichever rule sends it.
const ReplyEvery = 24 * time.Hour

// Why an auto-reply did not go out, as the item says it.
const (
	HeldOff       = "auto-replies are off for this rule"
	SkipAutomated = "the sender is automated"
	SkipOwn       = "it is our own message"
	SkipToday     = "this author got an auto-reply in the last day"
	SkipFeed      = "a feed entry cannot be answered"
	SkipNoAddress = "the author has no address to answer"
)

// refuseReply says why an auto-reply must not go to the item's author, ""
// when it may. Each guard is against a loop or a nuisance: a rule whose
// replies are off holds them; automated senders (auto-responders, lists,
// bounces) and our own messages never get one; an author gets one a day.
func (r *run) refuseReply(tx core.RuleTx, rule core.Rule, it core.Item) (string, error) {
	switch {
	case !rule.AutoReply:
		return HeldOff, nil
	case it.Outgoing || r.own(it):
		return SkipOwn, nil
	case it.Kind == core.ItemFeed:
		return SkipFeed, nil
	case strings.TrimSpace(it.Author.Address) == "":
		return SkipNoAddress, nil
	case AutomatedAddress(it.Author.Address):
		return SkipAutomated, nil
	}
	if it.Kind == core.ItemEmail {
		raw, err := tx.Raw(it.ID)
		if err != nil {
			return "", err
		}
		if AutomatedMail(raw) {
			return SkipAutomated, nil
		}
	}
	done, err := tx.RepliedSince(authorKey(it), r.now.Add(-ReplyEvery))
	if err != nil || done {
		return SkipToday, err
	}
	return "", nil
}

// own reports whether a mail item comes from the address the account
// sends from: our reply coming back (copied to us, through a list).
func (r *run) own(it core.Item) bool {
	from, ok := r.from[it.AccountID]
	return ok && from != "" && strings.EqualFold(strings.TrimSpace(it.Author.Address), from)
}

// sendsFrom is the address an account's mail goes out from, "" for other
// channels.
func sendsFrom(a core.Account) string {
	var set struct {
		User string `json:"user"`
		From string `json:"from"`
	}
	if a.Kind != core.KindIMAP || json.Unmarshal(a.Settings, &set) != nil {
		return ""
	}
	if set.From != "" {
		return strings.TrimSpace(set.From)
	}
	if strings.Contains(set.User, "@") {
		return strings.TrimSpace(set.User)
	}
	return ""
}

// automatedLocal are the local parts of addresses no person reads.
var automatedLocal = []string{"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
	"mailer-daemon", "postmaster", "bounce", "bounces", "notifications", "notification", "auto-reply", "autoreply"}

// AutomatedAddress reports whether an e-mail address belongs to a machine:
// noreply@, no-reply@, mailer-daemon@, bounces+x@ and the like.
func AutomatedAddress(addr string) bool {
	local, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(addr)), "@")
	if !ok {
		return false
	}
	local, _, _ = strings.Cut(local, "+")
	for _, a := range automatedLocal {
		if local == a || strings.HasPrefix(local, a+"-") || strings.HasPrefix(local, a+".") {
			return true
		}
	}
	return false
}

// AutomatedMail reports whether a raw message says a machine sent it
// (RFC 3834 and common practice): Auto-Submitted other than "no", a
// List-Id or List-Unsubscribe (a mailing list), Precedence bulk, list or
// junk, auto-responder marks, or an empty Return-Path (a bounce). Only the
// header block is read.
func AutomatedMail(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if end < 0 {
		end = bytes.Index(raw, []byte("\n\n"))
	}
	if end >= 0 {
		raw = raw[:end+2]
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(append(raw, "\r\n\r\n"...)))).ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return false
	}
	get := func(k string) string { return strings.ToLower(strings.TrimSpace(h.Get(k))) }
	if v := get("Auto-Submitted"); v != "" && v != "no" {
		return true
	}
	switch get("Precedence") {
	case "bulk", "list", "junk", "auto_reply":
		return true
	}
	for _, k := range []string{"List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"} {
		if _, ok := h[textproto.CanonicalMIMEHeaderKey(k)]; ok {
			return true
		}
	}
	rp, ok := h["Return-Path"]
	return ok && len(rp) > 0 && strings.TrimSpace(rp[0]) == "<>"
}

// target is what the matcher knows of an item at ingest: its tone is
// read before the batch is written (engine.ToneReader), so is:abusive and
// sentiment< work on new items.
func target(ri core.RuleItem) query.Target {
	return query.Target{Item: ri.Item, Followers: ri.Followers, Tone: ri.Item.Tone}
}

// itemLang is the item's language when known ("" otherwise).
func itemLang(it core.Item) string {
	if it.Tone == nil {
		return ""
	}
	return it.Tone.Lang
}

func randomToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
