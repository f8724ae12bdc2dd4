package vkpeer

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// event is one Bots Long Poll update, kept in order; its index is its ts.
type event struct {
	Type    string          `json:"type"`
	Object  json.RawMessage `json:"object"`
	GroupID int             `json:"group_id"`
	EventID string          `json:"event_id"`
	V       string          `json:"v"`
}

// emit appends an event and wakes waiting checks. Callers hold p.mu.
func (p *Peer) emit(typ string, obj any) {
	raw, err := json.Marshal(obj)
	if err != nil {
		panic("vkpeer: encode event: " + err.Error())
	}
	p.events = append(p.events, event{Type: typ, Object: raw, GroupID: p.opt.GroupID,
		EventID: strconv.Itoa(len(p.events) + 1), V: "5.131"})
	close(p.changed)
	p.changed = make(chan struct{})
}

// ExpireKey makes the long-poll key invalid (the next check gets failed:2).
func (p *Peer) ExpireKey() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lpKey += "x"
}

// serveLongPoll answers act=a_check: the events from ts on, blocking up to
// the wait when there are none.
func (p *Peer) serveLongPoll(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f, ok := p.takeFault("lp"); ok {
		if f.LPFailed != 0 {
			writeJSON(w, map[string]any{"failed": f.LPFailed, "ts": p.lpTs()})
			return
		}
		if p.applyFault(w, r, f) {
			return
		}
	}
	ts, err := strconv.Atoi(q.Get("ts"))
	wait, _ := strconv.Atoi(q.Get("wait"))
	deadline := time.After(min(time.Duration(wait)*time.Second, p.opt.LPWait))
	for {
		p.mu.Lock()
		switch {
		case q.Get("key") != p.lpKey:
			p.mu.Unlock()
			writeJSON(w, map[string]any{"failed": 2})
			return
		case err != nil || ts > len(p.events) || ts < p.lost:
			n := len(p.events)
			p.mu.Unlock()
			writeJSON(w, map[string]any{"failed": 1, "ts": strconv.Itoa(n)})
			return
		case ts < len(p.events):
			evs := append([]event(nil), p.events[ts:]...)
			n := len(p.events)
			p.mu.Unlock()
			writeJSON(w, map[string]any{"ts": strconv.Itoa(n), "updates": evs})
			return
		}
		changed := p.changed
		p.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			writeJSON(w, map[string]any{"ts": strconv.Itoa(ts), "updates": []event{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (p *Peer) lpTs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strconv.Itoa(len(p.events))
}
