package x

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
)

// A mention can be answered privately by a direct message (X API v2, with
// the account's user keys, whichever version reads the mentions). X tells
// beforehand whether the author accepts one (the user field
// receives_your_dm) and refuses a DM to someone who does not with a 403.
// A DM has no idempotency key X keeps: after a lost answer the check looks
// for our message with the same text in the conversation.

var _ engine.Messenger = (*Conn)(nil)

const (
	dmURL      = "https://api.x.com/2/dm_conversations/with/%s/messages"
	dmEvents   = "https://api.x.com/2/dm_conversations/with/%s/dm_events"
	userURL    = "https://api.x.com/2/users/%s"
	dmLookBack = 50 // our latest DMs with a person the check reads
)

// handleOf names the author of it as X shows them: "@anna", or their name.
func handleOf(it core.Item) string {
	if it.Author.Handle != "" {
		return "@" + it.Author.Handle
	}
	if it.Author.Name != "" {
		return it.Author.Name
	}
	return "this person"
}

// authorID is the X user id of the author of it.
func authorID(it core.Item) (string, error) {
	id := it.Author.Address
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return "", &core.RemoteError{Problem: core.ProblemConfig,
			Message: "the author of this post has no X user id Hearth knows", Action: "sync the account again"}
	}
	return id, nil
}

// CanMessage asks X whether the author of it accepts direct messages from
// the account (receives_your_dm). X not saying counts as yes: the send
// then tells. A plan without the user lookup is a reason, not an error.
func (c *Conn) CanMessage(ctx context.Context, it core.Item) (bool, string, error) {
	id, err := authorID(it)
	if err != nil {
		return false, err.(*core.RemoteError).Message, nil
	}
	var ans struct {
		Data *struct {
			ReceivesYourDM *bool `json:"receives_your_dm"`
		} `json:"data"`
	}
	q := url.Values{"user.fields": {"receives_your_dm"}}
	err = c.media.form(ctx, http.MethodGet, fmt.Sprintf(userURL, id), q, &ans)
	if re := core.AsRemote(err); re != nil && re.Problem == core.ProblemDenied {
		return false, strings.TrimSpace(re.Message + ": " + re.Action), nil
	}
	if err != nil {
		return false, "", classify(ctx, "ask whether "+handleOf(it)+" accepts direct messages", err)
	}
	if ans.Data != nil && ans.Data.ReceivesYourDM != nil && !*ans.Data.ReceivesYourDM {
		return false, handleOf(it) + " does not accept direct messages from you on X", nil
	}
	return true, "", nil
}

// Message sends text to the author of it as a direct message. A 403 means
// they do not accept DMs from the account: said so, and definite.
func (c *Conn) Message(ctx context.Context, it core.Item, text, idemKey string) (core.Item, error) {
	id, err := authorID(it)
	if err != nil {
		return core.Item{}, fmt.Errorf("x: direct message: %w", err)
	}
	body, _ := json.Marshal(map[string]string{"text": text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf(dmURL, id), bytes.NewReader(body))
	if err != nil {
		return core.Item{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	c.mu.Lock()
	c.sent[idemKey] = text
	c.mu.Unlock()
	var ans struct {
		Data struct {
			EventID string `json:"dm_event_id"`
		} `json:"data"`
	}
	if err := c.media.do(req, &ans); err != nil {
		return core.Item{}, core.MarkUnknown(c.dmRefused(ctx, it, err))
	}
	if ans.Data.EventID == "" {
		// Sent, most likely, but X did not say what it made.
		return core.Item{}, core.MarkUnknown(classify(ctx, "direct message", errors.New("no dm_event_id in X's answer")))
	}
	return dmItem(id, ans.Data.EventID), nil
}

// dmRefused words a refused DM: a 403 other than the plan's is the
// person's setting.
func (c *Conn) dmRefused(ctx context.Context, it core.Item, err error) error {
	re := core.AsRemote(err)
	if re == nil || re.Problem != core.ProblemDenied || strings.HasPrefix(re.Message, "your X API plan") {
		return classify(ctx, "direct message", err)
	}
	return fmt.Errorf("x: direct message: %w", &core.RemoteError{Problem: core.ProblemDenied, Err: re,
		Message: handleOf(it) + " does not accept direct messages from you on X",
		Action:  "answer in public, or ask them to allow messages"})
}

// FindMessage looks for our latest direct messages to the author of it
// for one with text: X keeps no key of ours.
func (c *Conn) FindMessage(ctx context.Context, it core.Item, text, _ string) (core.Item, bool, error) {
	id, err := authorID(it)
	if err != nil {
		return core.Item{}, false, err
	}
	me, err := c.whoAmI(ctx)
	if err != nil {
		return core.Item{}, false, err
	}
	var ans struct {
		Data []struct {
			ID       string `json:"id"`
			Type     string `json:"event_type"`
			Text     string `json:"text"`
			SenderID string `json:"sender_id"`
		} `json:"data"`
	}
	q := url.Values{"dm_event.fields": {"id,event_type,text,sender_id,created_at"}, "max_results": {fmt.Sprint(dmLookBack)}}
	if err := c.media.form(ctx, http.MethodGet, fmt.Sprintf(dmEvents, id), q, &ans); err != nil {
		return core.Item{}, false, classify(ctx, "read the direct messages with "+handleOf(it), err)
	}
	for _, ev := range ans.Data {
		if ev.Type == "MessageCreate" && ev.SenderID == me && sameText(ev.Text, text) {
			return dmItem(id, ev.ID), true, nil
		}
	}
	return core.Item{}, false, nil
}

// dmItem is our direct message eventID, in the conversation with userID.
func dmItem(userID, eventID string) core.Item {
	return core.Item{Kind: core.ItemXDM, RemoteID: "dm:" + eventID, ThreadRefs: []string{"dm-with:" + userID}}
}
