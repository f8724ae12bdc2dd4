package vk

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// VK's ids are ints; Hearth keeps them as text in remote ids and identity
// addresses. This file is the one place that writes and reads that text:
// "post:<owner>_<post>", "comment:<owner>_<post>_<comment>",
// "msg:<peer>:<id>", a conversation's thread root "conv:<peer>", and a
// user's address, the user id in decimal.

// ref is a parsed remote id: a post, a comment or a message.
type ref struct {
	Kind                 core.ItemKind
	Owner, Post, Comment int // posts and comments; Comment 0 for a post
	Peer, Msg            int // messages
}

// String writes a remote id; parseRID reads it back.
func (r ref) String() string {
	switch r.Kind {
	case core.ItemVKPost:
		return "post:" + itoa(r.Owner) + "_" + itoa(r.Post)
	case core.ItemVKComment:
		return "comment:" + itoa(r.Owner) + "_" + itoa(r.Post) + "_" + itoa(r.Comment)
	case core.ItemVKMessage:
		return "msg:" + itoa(r.Peer) + ":" + itoa(r.Msg)
	}
	return ""
}

func postRID(owner, post int) string {
	return ref{Kind: core.ItemVKPost, Owner: owner, Post: post}.String()
}

func commentRID(owner, post, comment int) string {
	return ref{Kind: core.ItemVKComment, Owner: owner, Post: post, Comment: comment}.String()
}

func msgRID(peer, msg int) string {
	return ref{Kind: core.ItemVKMessage, Peer: peer, Msg: msg}.String()
}

func convRef(peer int) string { return "conv:" + itoa(peer) }

// parseRID reads a remote id this package made. It accepts exactly what
// String writes, so a stored id never reads as another one.
func parseRID(rid string) (ref, error) {
	kind, rest, _ := strings.Cut(rid, ":")
	var r ref
	var err error
	switch kind {
	case "post":
		r.Kind = core.ItemVKPost
		err = readIDs(rest, "_", &r.Owner, &r.Post)
	case "comment":
		r.Kind = core.ItemVKComment
		err = readIDs(rest, "_", &r.Owner, &r.Post, &r.Comment)
	case "msg":
		r.Kind = core.ItemVKMessage
		err = readIDs(rest, ":", &r.Peer, &r.Msg)
	default:
		err = fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		return ref{}, fmt.Errorf("vk: remote id %q: %w", rid, err)
	}
	return r, nil
}

// readIDs reads exactly len(into) ids separated by sep.
func readIDs(s, sep string, into ...*int) error {
	parts := strings.Split(s, sep)
	if len(parts) != len(into) {
		return fmt.Errorf("want %d ids separated by %q", len(into), sep)
	}
	for i, p := range parts {
		id, err := parseID(p)
		if err != nil {
			return err
		}
		*into[i] = id
	}
	return nil
}

// userAddress is a VK user's identity address.
func userAddress(id int) string { return itoa(id) }

// parseUser reads an identity address back into a user id.
func parseUser(addr string) (int, error) {
	id, err := parseID(addr)
	if err != nil {
		return 0, fmt.Errorf("vk: user address: %w", err)
	}
	return id, nil
}

// parseID reads an id as itoa writes it: no plus sign, no leading zero,
// no space.
func parseID(s string) (int, error) {
	id, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	if itoa(id) != s {
		return 0, fmt.Errorf("id %q is not written as Hearth writes ids", s)
	}
	return id, nil
}

func itoa(id int) string { return strconv.Itoa(id) }
