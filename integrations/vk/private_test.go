package vk

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/engine"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// loseAnswers is a transport that, armed, delivers the next call of a
// method and then loses VK's answer: the outcome the outbox must check.
type loseAnswers struct {
	next   http.RoundTripper
	mu     sync.Mutex
	method string
}

func (l *loseAnswers) arm(method string) { l.mu.Lock(); l.method = method; l.mu.Unlock() }

func (l *loseAnswers) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := l.next.RoundTrip(req)
	l.mu.Lock()
	lose := l.method != "" && strings.HasSuffix(req.URL.Path, "/"+l.method)
	if lose {
		l.method = ""
	}
	l.mu.Unlock()
	if err == nil && lose {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, errors.New("connection reset by peer")
	}
	return resp, err
}

// queueMessage puts a private message to the author of it in the outbox.
func (e *env) queueMessage(it core.Item, text, key string) int64 {
	e.t.Helper()
	payload, _ := json.Marshal(engine.MessagePayload{Text: text})
	id, err := e.st.Enqueue(context.Background(), core.OutboxEntry{AccountID: e.acct, ItemID: it.ID, Op: core.OpMessage,
		Payload: payload, IdemKey: key, State: core.OutboxQueued, CreatedAt: e.clock.now()})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *env) entry(id int64) core.OutboxEntry {
	e.t.Helper()
	all, err := e.st.Outbox(context.Background(), 0)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, ent := range all {
		if ent.ID == id {
			return ent
		}
	}
	e.t.Fatalf("no outbox entry %d", id)
	return core.OutboxEntry{}
}

// TestCanMessageACommenter: VK says who allows messages from the
// community: a user who allowed them or wrote first, not one who denied
// them or never wrote, nor a community.
func TestCanMessageACommenter(t *testing.T) {
	e := newEnv(t, core.VKSettings{})
	ctx := context.Background()
	p := e.post("Пост", time.Hour)
	ids := map[string]int{"anna": e.comment(p, anna, "Вопрос", 0), "boris": e.comment(p, boris, "Спам", 0),
		"chen": e.comment(p, chen, "Question", 0), "dima": e.comment(p, dima, "Привет", 0)}
	e.peer.AllowMessages(anna.ID, true)
	e.peer.AllowMessages(boris.ID, false)
	e.peer.UserMessage(chen.ID, "Hello!")
	e.mustSync()
	tests := []struct {
		who     string
		allowed bool
		why     string
	}{
		{"anna", true, ""},
		{"boris", false, "Boris does not allow messages from the community on VK"},
		{"chen", true, ""},
		{"dima", false, "does not allow messages from the community on VK"},
	}
	for _, tt := range tests {
		ok, why, err := e.conn.CanMessage(ctx, e.item(cRID(p, ids[tt.who])))
		if err != nil || ok != tt.allowed || !strings.Contains(why, tt.why) {
			t.Errorf("%s: CanMessage = %v, %q, %v; want %v, %q", tt.who, ok, why, err, tt.allowed, tt.why)
		}
	}
	e.peer.SetRights(vkpeer.RightWall, vkpeer.RightManage)
	ok, why, err := e.conn.CanMessage(ctx, e.item(cRID(p, ids["anna"])))
	if err != nil || ok || !strings.Contains(why, `"messages" right`) {
		t.Errorf("without the messages right: %v, %q, %v; want the missing right named", ok, why, err)
	}
}

// TestPrivateMessageThroughTheOutbox: a message to a commenter who allows
// it goes out once as a community message and shows in the conversation
// with her, the one her own messages join later; to one who does not, VK's
// refusal (901) fails the entry with the reason and sends nothing; a rate
// limit waits.
func TestPrivateMessageThroughTheOutbox(t *testing.T) {
	e := newEnv(t, core.VKSettings{Messages: true})
	ctx := context.Background()
	p := e.post("Турнир в субботу", time.Hour)
	qa := e.comment(p, anna, "А можно прийти с ребёнком?", 0)
	qb := e.comment(p, boris, "Дешёвые подписчики!", 0)
	e.peer.AllowMessages(anna.ID, true)
	e.mustSync()
	eng := e.engine()
	toAnna := e.queueMessage(e.item(cRID(p, qa)), "Анна, конечно! Детям вход свободный.", "dm-1")
	toBoris := e.queueMessage(e.item(cRID(p, qb)), "Пожалуйста, без рекламы.", "dm-2")
	for range 2 {
		if _, err := eng.FlushOutbox(ctx); err != nil {
			t.Fatal(err)
		}
	}
	msgs := e.peer.Messages(anna.ID)
	if len(msgs) != 1 || !msgs[0].Out || msgs[0].Text != "Анна, конечно! Детям вход свободный." || msgs[0].RandomID != randomID("dm-1") {
		t.Fatalf("Anna's conversation on VK = %+v, want our one message", msgs)
	}
	sent := e.entry(toAnna)
	if sent.State != core.OutboxSent || sent.RemoteID != msgRID(anna.ID, msgs[0].ID) {
		t.Errorf("entry to Anna: %s %q", sent.State, sent.RemoteID)
	}
	refused := e.entry(toBoris)
	if refused.State != core.OutboxFailed || !strings.Contains(refused.LastError, "does not accept messages from the community") {
		t.Errorf("entry to Boris: %s %q; want failed with the reason", refused.State, refused.LastError)
	}
	if n := len(e.peer.Messages(boris.ID)); n != 0 {
		t.Errorf("Boris got %d messages", n)
	}

	e.peer.UserMessage(anna.ID, "Спасибо!")
	e.mustSync()
	ours, thanks := e.item(sent.RemoteID), e.item(msgRID(anna.ID, msgs[0].ID+1))
	if !ours.Outgoing || ours.Kind != core.ItemVKMessage || ours.ThreadID == 0 || ours.ThreadID != thanks.ThreadID {
		t.Errorf("our message %+v is not in Anna's conversation (thread %d)", ours, thanks.ThreadID)
	}

	e.peer.Fail("messages.send", vkpeer.Fault{Code: 6})
	_, err := e.conn.Message(ctx, e.item(cRID(p, qa)), "Ещё вопрос?", "dm-3")
	re := core.AsRemote(err)
	if re == nil || re.Problem != core.ProblemRateLimit || re.RetryAt.IsZero() || errors.Is(err, core.ErrUnknownOutcome) {
		t.Errorf("rate limited: %v; want a rate limit with its wait, not an unknown outcome", err)
	}
}

// TestPrivateMessageLostAnswerIsConfirmed: VK got the message but its
// answer was lost; the entry turns unconfirmed, the check finds the
// message by its random_id, and nothing is sent twice.
func TestPrivateMessageLostAnswerIsConfirmed(t *testing.T) {
	lose := &loseAnswers{next: http.DefaultTransport.(*http.Transport).Clone()}
	e := newEnv(t, core.VKSettings{}, func(o *Options) { o.Transport = lose })
	ctx := context.Background()
	p := e.post("Пост", time.Hour)
	q := e.comment(p, chen, "Do you ship to Germany?", 0)
	e.peer.AllowMessages(chen.ID, true)
	e.mustSync()
	eng := e.engine()
	id := e.queueMessage(e.item(cRID(p, q)), "Yes, we do: a week to Berlin.", "dm-lost")
	lose.arm("messages.send")
	if _, err := eng.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}
	if got := e.entry(id); got.State != core.OutboxUnconfirmed {
		t.Fatalf("after the lost answer: %s %q, want unconfirmed", got.State, got.LastError)
	}
	e.clock.add(2 * time.Minute)
	if _, err := eng.FlushOutbox(ctx); err != nil {
		t.Fatal(err)
	}
	msgs := e.peer.Messages(chen.ID)
	if got := e.entry(id); got.State != core.OutboxSent || len(msgs) != 1 || got.RemoteID != msgRID(chen.ID, msgs[0].ID) {
		t.Errorf("after the check: entry %s %q, %d messages on VK; want sent once", got.State, got.RemoteID, len(msgs))
	}
	if n := e.peer.Calls("messages.send"); n != 1 {
		t.Errorf("messages.send called %d times, want 1", n)
	}
}
