package xpeer

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// fieldSet is a comma-separated *.fields parameter.
type fieldSet map[string]bool

func fieldsOf(q url.Values, name string) fieldSet {
	set := fieldSet{}
	for _, f := range strings.Split(q.Get(name), ",") {
		if f != "" {
			set[f] = true
		}
	}
	return set
}

// v2Tweet renders a tweet with the default fields and those asked for.
func (s *Server) v2Tweet(t Tweet, f fieldSet) map[string]any {
	m := map[string]any{"id": t.ID, "text": t.Text, "edit_history_tweet_ids": []string{t.ID}}
	put := func(name string, v any) {
		if f[name] {
			m[name] = v
		}
	}
	put("author_id", t.AuthorID)
	put("conversation_id", t.ConversationID)
	put("created_at", t.CreatedAt.Format("2006-01-02T15:04:05.000Z"))
	put("lang", t.Lang)
	put("public_metrics", map[string]int{"retweet_count": t.Retweets, "reply_count": t.Replies,
		"like_count": t.Likes, "quote_count": t.Quotes, "bookmark_count": 0, "impression_count": 0})
	if p, ok := s.findLocked(t.InReplyTo); ok {
		put("in_reply_to_user_id", p.AuthorID)
	}
	var refs []map[string]string
	if t.InReplyTo != "" {
		refs = append(refs, map[string]string{"type": "replied_to", "id": t.InReplyTo})
	}
	if t.QuoteOf != "" {
		refs = append(refs, map[string]string{"type": "quoted", "id": t.QuoteOf})
	}
	if len(refs) > 0 {
		put("referenced_tweets", refs)
	}
	if len(t.Photos) > 0 {
		m["attachments"] = map[string]any{"media_keys": t.Photos}
	}
	return m
}

func (s *Server) v2User(u User, f fieldSet) map[string]any {
	m := map[string]any{"id": u.ID, "name": u.Name, "username": u.Username}
	put := func(name string, v any) {
		if f[name] {
			m[name] = v
		}
	}
	put("public_metrics", map[string]int{"followers_count": u.Followers, "following_count": u.Following,
		"tweet_count": u.TweetCount, "listed_count": 0})
	put("verified", u.Verified)
	put("location", u.Location)
	put("description", u.Description)
	put("profile_image_url", u.PhotoURL)
	put("created_at", u.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"))
	return m
}

func (s *Server) v2Me(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": s.v2User(s.opt.Me, fieldsOf(r.URL.Query(), "user.fields"))})
}

// window selects tweets newest first within since_id, until_id,
// start_time and a pagination token, and cuts a page.
type window struct {
	since, until, token string
	start               time.Time
	size                int
}

func windowOf(q url.Values, def, most int) window {
	w := window{since: q.Get("since_id"), until: q.Get("until_id"), size: pageSize(q, "max_results", def, most)}
	if tok := q.Get("pagination_token"); tok != "" {
		if n, err := strconv.ParseUint(strings.TrimPrefix(tok, "7140"), 36, 64); err == nil {
			w.token = strconv.FormatUint(n, 10)
		}
	}
	if st, err := time.Parse(time.RFC3339, q.Get("start_time")); err == nil {
		w.start = st
	}
	return w
}

func (w window) admits(t Tweet) bool {
	switch {
	case w.since != "" && cmpID(t.ID, w.since) <= 0:
		return false
	case w.until != "" && cmpID(t.ID, w.until) >= 0:
		return false
	case w.token != "" && cmpID(t.ID, w.token) >= 0:
		return false
	case !w.start.IsZero() && t.CreatedAt.Before(w.start):
		return false
	}
	return true
}

// cut returns a page, newest first, and the token of the next one.
func (w window) cut(all []Tweet, keep func(Tweet) bool) (page []Tweet, next string) {
	for i := len(all) - 1; i >= 0; i-- {
		t := all[i]
		if !keep(t) || !w.admits(t) {
			continue
		}
		if len(page) == w.size {
			last, _ := strconv.ParseUint(page[len(page)-1].ID, 10, 64)
			return page, "7140" + strconv.FormatUint(last, 36)
		}
		page = append(page, t)
	}
	return page, ""
}

func (s *Server) v2Mentions(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PathValue("id") != s.opt.Me.ID {
		s.apiError(w, RouteMentions, http.StatusForbidden, 0, "Forbidden", "You can only read the mentions of the authenticated user.")
		return
	}
	win := windowOf(r.URL.Query(), defaultPageV2, maxPageV2)
	page, next := win.cut(s.tweets, s.mentionsMe)
	writeJSON(w, http.StatusOK, s.v2Page(page, next, r.URL.Query()))
}

func (s *Server) v2UserTweets(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	if _, ok := s.users[id]; !ok {
		s.apiError(w, RouteUserTweets, http.StatusNotFound, 0, "Not Found Error", "Could not find user with id: ["+id+"].")
		return
	}
	win := windowOf(r.URL.Query(), defaultPageV2, maxPageV2)
	page, next := win.cut(s.tweets, func(t Tweet) bool { return t.AuthorID == id })
	writeJSON(w, http.StatusOK, s.v2Page(page, next, r.URL.Query()))
}

// v2Page renders a timeline page with its expansions and meta.
func (s *Server) v2Page(page []Tweet, next string, q url.Values) map[string]any {
	tf, uf := fieldsOf(q, "tweet.fields"), fieldsOf(q, "user.fields")
	exp := fieldsOf(q, "expansions")
	meta := map[string]any{"result_count": len(page)}
	out := map[string]any{"meta": meta}
	if len(page) == 0 {
		return out
	}
	meta["newest_id"], meta["oldest_id"] = page[0].ID, page[len(page)-1].ID
	if next != "" {
		meta["next_token"] = next
	}
	var data []map[string]any
	var authors, refs, photos []string
	for _, t := range page {
		data = append(data, s.v2Tweet(t, tf))
		authors = append(authors, t.AuthorID)
		refs = append(refs, t.InReplyTo, t.QuoteOf)
		photos = append(photos, t.Photos...)
	}
	out["data"] = data
	inc := map[string]any{}
	if exp["attachments.media_keys"] {
		if media := s.v2Media(photos, fieldsOf(q, "media.fields")); len(media) > 0 {
			inc["media"] = media
		}
	}
	if exp["referenced_tweets.id"] {
		var tweets []map[string]any
		for _, id := range uniq(refs) {
			if t, ok := s.findLocked(id); ok {
				tweets = append(tweets, s.v2Tweet(t, tf))
				if exp["referenced_tweets.id.author_id"] {
					authors = append(authors, t.AuthorID)
				}
			}
		}
		if len(tweets) > 0 {
			inc["tweets"] = tweets
		}
	}
	if exp["author_id"] {
		var users []map[string]any
		for _, id := range uniq(authors) {
			if u, ok := s.users[id]; ok {
				users = append(users, s.v2User(u, uf))
			}
		}
		inc["users"] = users
	}
	if len(inc) > 0 {
		out["includes"] = inc
	}
	return out
}

func uniq(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

type createBody struct {
	Text  string `json:"text"`
	Reply *struct {
		InReplyToTweetID string `json:"in_reply_to_tweet_id"`
	} `json:"reply"`
	Media *struct {
		MediaIDs []string `json:"media_ids"`
	} `json:"media"`
}

func (s *Server) v2Create(w http.ResponseWriter, r *http.Request) {
	var body createBody
	err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&body)
	var media []string
	if body.Media != nil {
		media = body.Media.MediaIDs
	}
	if err != nil || strings.TrimSpace(body.Text) == "" && len(media) == 0 {
		s.apiError(w, RouteCreate, http.StatusBadRequest, 0, "Invalid Request", "One or more parameters to your request was invalid.")
		return
	}
	var reply string
	if body.Reply != nil {
		reply = body.Reply.InReplyToTweetID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, status, msg := s.postLocked(body.Text, reply, media)
	if status != 0 {
		s.apiError(w, RouteCreate, status, 187, "Forbidden", msg)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"data": map[string]any{"id": t.ID, "text": t.Text,
		"edit_history_tweet_ids": []string{t.ID}}})
}

// postLocked makes a tweet of the account, refusing what X refuses.
func (s *Server) postLocked(text, inReplyTo string, media []string) (Tweet, int, string) {
	if msg := s.attachLocked(media); msg != "" {
		return Tweet{}, http.StatusBadRequest, msg
	}
	if inReplyTo != "" {
		if _, ok := s.findLocked(inReplyTo); !ok {
			return Tweet{}, http.StatusForbidden, "You attempted to reply to a Tweet that is deleted or not visible to you."
		}
	}
	since := s.opt.Now().Add(-24 * time.Hour)
	for _, t := range s.tweets {
		if t.AuthorID == s.opt.Me.ID && text != "" && t.Text == text && t.CreatedAt.After(since) {
			return Tweet{}, http.StatusForbidden, "You are not allowed to create a Tweet with duplicate content."
		}
	}
	id := s.addLocked(Tweet{Text: text, AuthorID: s.opt.Me.ID, InReplyTo: inReplyTo, MediaIDs: media})
	t, _ := s.findLocked(id)
	return t, 0, ""
}

func (s *Server) v2Hide(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Hidden bool `json:"hidden"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&body); err != nil {
		s.apiError(w, RouteHide, http.StatusBadRequest, 0, "Invalid Request", "The body must be {\"hidden\": true|false}.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	i, ok := slices.BinarySearchFunc(s.tweets, id, func(a Tweet, id string) int { return cmpID(a.ID, id) })
	if !ok {
		s.apiError(w, RouteHide, http.StatusNotFound, 0, "Not Found Error", "Could not find tweet with id: ["+id+"].")
		return
	}
	root, _ := s.findLocked(s.tweets[i].ConversationID)
	if s.tweets[i].InReplyTo == "" || root.AuthorID != s.opt.Me.ID {
		s.apiError(w, RouteHide, http.StatusForbidden, 0, "Forbidden", "You attempted to hide a reply to a Tweet that was not authored by you.")
		return
	}
	s.tweets[i].Hidden = body.Hidden
	writeJSON(w, http.StatusOK, map[string]any{"data": map[string]bool{"hidden": body.Hidden}})
}

// v2Lookup answers GET /2/tweets?ids=: the posts found in data, one
// resource-not-found error per id that is not (deleted, or never was).
func (s *Server) v2Lookup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	tf := fieldsOf(q, "tweet.fields")
	var data []map[string]any
	var errs []map[string]any
	for _, id := range strings.Split(q.Get("ids"), ",") {
		if t, ok := s.findLocked(id); ok {
			data = append(data, s.v2Tweet(t, tf))
			continue
		}
		errs = append(errs, map[string]any{"value": id, "detail": "Could not find tweet with ids: [" + id + "].",
			"title": "Not Found Error", "resource_type": "tweet", "parameter": "ids", "resource_id": id,
			"type": "https://api.twitter.com/2/problems/resource-not-found"})
	}
	out := map[string]any{}
	if data != nil {
		out["data"] = data
	}
	if errs != nil {
		out["errors"] = errs
	}
	writeJSON(w, http.StatusOK, out)
}
