package xpeer

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Direct message routes (X API v2), as given to Fault.Route.
const (
	RouteDMSend   = "POST /2/dm_conversations/with/{id}/messages"
	RouteDMEvents = "GET /2/dm_conversations/with/{id}/dm_events"
	RouteUser     = "GET /2/users/{id}"
)

// DM is a direct message between the account and a user.
type DM struct {
	ID        string
	SenderID  string
	PeerID    string // the other participant
	Text      string
	CreatedAt time.Time
}

// dmState is what the peer keeps of direct messages.
type dmState struct {
	msgs    []DM
	next    int64
	refused map[string]bool // users who do not accept DMs from the account
}

// RefuseDMs makes a user refuse (or accept again) direct messages from the
// account, as their "Allow messages from" setting does: a DM to them is
// answered 403 and their receives_your_dm is false.
func (s *Server) RefuseDMs(userID string, refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dm.refused == nil {
		s.dm.refused = map[string]bool{}
	}
	s.dm.refused[userID] = refuse
}

// DMs returns the direct messages with a user, oldest first.
func (s *Server) DMs(userID string) []DM {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(s.dm.msgs), func(m DM) bool { return m.PeerID != userID })
}

func (s *Server) dmRoutes() {
	s.mux.HandleFunc(RouteDMSend, s.v2DMSend)
	s.mux.HandleFunc(RouteDMEvents, s.v2DMEvents)
	s.mux.HandleFunc(RouteUser, s.v2UserByID)
}

// conversationID is X's id of a one-to-one conversation: both user ids,
// the smaller first.
func conversationID(a, b string) string {
	if cmpID(a, b) > 0 {
		a, b = b, a
	}
	return a + "-" + b
}

func (s *Server) v2DMSend(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text string `json:"text"`
	}
	err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&body)
	if err != nil || strings.TrimSpace(body.Text) == "" {
		s.apiError(w, RouteDMSend, http.StatusBadRequest, 0, "Invalid Request", "One or more parameters to your request was invalid.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	peer := r.PathValue("id")
	if _, ok := s.users[peer]; !ok || peer == s.opt.Me.ID {
		s.apiError(w, RouteDMSend, http.StatusBadRequest, 0, "Invalid Request", "One or more parameters to your request was invalid.")
		return
	}
	if s.dm.refused[peer] {
		s.apiError(w, RouteDMSend, http.StatusForbidden, 0, "Forbidden", "You are not permitted to send messages to this user.")
		return
	}
	if s.dm.next == 0 {
		s.dm.next = 1880000000000000000
	}
	s.dm.next++
	m := DM{ID: strconv.FormatInt(s.dm.next, 10), SenderID: s.opt.Me.ID, PeerID: peer, Text: body.Text,
		CreatedAt: s.opt.Now().UTC().Truncate(time.Second)}
	s.dm.msgs = append(s.dm.msgs, m)
	writeJSON(w, http.StatusCreated, map[string]any{"data": map[string]any{
		"dm_conversation_id": conversationID(s.opt.Me.ID, peer), "dm_event_id": m.ID}})
}

func (s *Server) v2DMEvents(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	peer := r.PathValue("id")
	q := r.URL.Query()
	f := fieldsOf(q, "dm_event.fields")
	size := pageSize(q, "max_results", 100, 100)
	var data []map[string]any
	for i := len(s.dm.msgs) - 1; i >= 0 && len(data) < size; i-- { // newest first
		m := s.dm.msgs[i]
		if m.PeerID != peer {
			continue
		}
		ev := map[string]any{"id": m.ID, "event_type": "MessageCreate", "text": m.Text}
		if f["sender_id"] {
			ev["sender_id"] = m.SenderID
		}
		if f["created_at"] {
			ev["created_at"] = m.CreatedAt.Format("2006-01-02T15:04:05.000Z")
		}
		if f["dm_conversation_id"] {
			ev["dm_conversation_id"] = conversationID(s.opt.Me.ID, peer)
		}
		data = append(data, ev)
	}
	out := map[string]any{"meta": map[string]any{"result_count": len(data)}}
	if len(data) > 0 {
		out["data"] = data
	}
	writeJSON(w, http.StatusOK, out)
}

// v2UserByID is the user lookup, with receives_your_dm when asked.
func (s *Server) v2UserByID(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	u, ok := s.users[id]
	if !ok {
		writeJSON(w, http.StatusOK, map[string]any{"errors": []map[string]any{{"value": id, "detail": "Could not find user with id: [" + id + "].",
			"title": "Not Found Error", "resource_type": "user", "parameter": "id", "resource_id": id,
			"type": "https://api.twitter.com/2/problems/resource-not-found"}}})
		return
	}
	f := fieldsOf(r.URL.Query(), "user.fields")
	m := s.v2User(u, f)
	if f["receives_your_dm"] {
		m["receives_your_dm"] = !s.dm.refused[id]
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": m})
}
