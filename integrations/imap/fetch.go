package imap

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/textproto"

	"github.com/hearthhq/hearth/integrations/imap/mailparse"
)

// meta is what a cheap FETCH tells about a message before its body.
type meta struct {
	uid  imap.UID
	seen bool
	date time.Time // INTERNALDATE: the arrival time, used when Date is missing
	size int64
	// id is the remote id from the Message-Id header; empty when the header
	// is missing or unusable: the id is then a hash of the whole message.
	id string
}

// msgIDSection is the Message-Id header alone: enough to recognise a
// message already stored without downloading it.
var msgIDSection = &imap.FetchItemBodySection{
	Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Message-Id"}, Peek: true,
}

// bodySection is the whole message, fetched without setting \Seen.
var bodySection = &imap.FetchItemBodySection{Peek: true}

// fetchMeta fetches flags, dates, sizes and (withID) Message-Ids of uids,
// ordered by UID. changedSince > 0 keeps only messages whose flags changed
// after that mod-sequence (CONDSTORE).
func fetchMeta(cl *imapclient.Client, uids imap.UIDSet, changedSince uint64, withID bool) ([]meta, error) {
	opts := &imap.FetchOptions{UID: true, Flags: true, InternalDate: true, RFC822Size: true, ChangedSince: changedSince}
	if withID {
		opts.BodySection = []*imap.FetchItemBodySection{msgIDSection}
	}
	cmd := cl.Fetch(uids, opts)
	defer cmd.Close()
	var out []meta
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		buf, err := msg.Collect()
		if err != nil {
			return nil, err
		}
		if buf.UID == 0 {
			continue // a server's unsolicited update, not our answer
		}
		m := meta{uid: buf.UID, seen: hasSeen(buf.Flags), date: buf.InternalDate, size: buf.RFC822Size}
		if withID {
			m.id = idFromHeader(buf.FindBodySection(msgIDSection))
		}
		out = append(out, m)
	}
	if err := cmd.Close(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b meta) int { return cmp.Compare(a.uid, b.uid) })
	return out, nil
}

// fetchBodies downloads whole messages by UID; an expunged one is absent.
func fetchBodies(cl *imapclient.Client, uids []imap.UID) (map[imap.UID][]byte, error) {
	out := make(map[imap.UID][]byte, len(uids))
	if len(uids) == 0 {
		return out, nil
	}
	cmd := cl.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{bodySection}})
	defer cmd.Close()
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		uid, raw, err := readBody(msg)
		if err != nil {
			return nil, err
		}
		if uid != 0 && raw != nil {
			out[uid] = raw
		}
	}
	return out, cmd.Close()
}

// readBody streams one FETCH response, keeping only the UID and the body.
func readBody(msg *imapclient.FetchMessageData) (imap.UID, []byte, error) {
	var (
		uid imap.UID
		raw []byte
	)
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch item := item.(type) {
		case imapclient.FetchItemDataUID:
			uid = item.UID
		case imapclient.FetchItemDataBodySection:
			if item.Literal == nil {
				continue
			}
			b, err := io.ReadAll(item.Literal)
			if err != nil {
				return 0, nil, fmt.Errorf("read message body: %w", err)
			}
			raw = b
		}
	}
	return uid, raw, nil
}

// idFromHeader turns a fetched "Message-Id: ..." header into a remote id,
// exactly as mailparse does for the whole message; "" when there is none.
func idFromHeader(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return ""
	}
	if mailparse.NormalizeMessageID(h.Get("Message-Id")) == "" {
		return ""
	}
	return mailparse.RemoteID(h.Get("Message-Id"), nil)
}

func hasSeen(flags []imap.Flag) bool {
	return slices.Contains(flags, imap.FlagSeen)
}

func uidsOf(ms []meta) []imap.UID {
	out := make([]imap.UID, len(ms))
	for i, m := range ms {
		out[i] = m.uid
	}
	return out
}
