package xpeer

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

func (s *Server) v11User(u User) map[string]any {
	id, _ := strconv.ParseInt(u.ID, 10, 64)
	return map[string]any{
		"id": id, "id_str": u.ID, "name": u.Name, "screen_name": u.Username,
		"location": u.Location, "description": u.Description,
		"followers_count": u.Followers, "friends_count": u.Following, "statuses_count": u.TweetCount,
		"verified": u.Verified, "profile_image_url_https": u.PhotoURL,
		"created_at": u.CreatedAt.UTC().Format(twitterTimestamp),
	}
}

// v11Tweet renders a status; extended mode puts the text in full_text.
func (s *Server) v11Tweet(t Tweet, extended bool) map[string]any {
	id, _ := strconv.ParseInt(t.ID, 10, 64)
	m := map[string]any{
		"id": id, "id_str": t.ID, "created_at": t.CreatedAt.UTC().Format(twitterTimestamp),
		"truncated": false, "lang": t.Lang, "user": s.v11User(s.users[t.AuthorID]),
		"retweet_count": t.Retweets, "favorite_count": t.Likes, "reply_count": t.Replies, "quote_count": t.Quotes,
		"in_reply_to_status_id": nil, "in_reply_to_status_id_str": nil,
		"in_reply_to_user_id": nil, "in_reply_to_user_id_str": nil, "in_reply_to_screen_name": nil,
	}
	if extended {
		m["full_text"] = t.Text
		m["display_text_range"] = []int{0, len([]rune(t.Text))}
	} else {
		m["text"] = t.Text
	}
	if media := s.v11Media(t.Photos); len(media) > 0 {
		// entities holds the first picture, extended_entities all of them.
		m["entities"] = map[string]any{"media": media[:1]}
		m["extended_entities"] = map[string]any{"media": media}
	}
	if p, ok := s.findLocked(t.InReplyTo); ok {
		pid, _ := strconv.ParseInt(p.ID, 10, 64)
		uid, _ := strconv.ParseInt(p.AuthorID, 10, 64)
		m["in_reply_to_status_id"], m["in_reply_to_status_id_str"] = pid, p.ID
		m["in_reply_to_user_id"], m["in_reply_to_user_id_str"] = uid, p.AuthorID
		m["in_reply_to_screen_name"] = s.users[p.AuthorID].Username
	}
	return m
}

func (s *Server) v11Verify(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.v11User(s.opt.Me))
}

// v11Window reads count, since_id and max_id (inclusive).
func v11Window(q url.Values) window {
	w := window{since: q.Get("since_id"), size: pageSize(q, "count", defaultPageV11, maxPageV11)}
	if m := q.Get("max_id"); m != "" {
		if n, err := strconv.ParseUint(m, 10, 64); err == nil {
			w.until = strconv.FormatUint(n+1, 10)
		}
	}
	return w
}

func (s *Server) v11List(w http.ResponseWriter, r *http.Request, keep func(Tweet) bool) {
	q := r.URL.Query()
	page, _ := v11Window(q).cut(s.tweets, keep)
	out := make([]map[string]any, 0, len(page))
	for _, t := range page {
		out = append(out, s.v11Tweet(t, q.Get("tweet_mode") == "extended"))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) v11Mentions(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.v11List(w, r, s.mentionsMe)
}

func (s *Server) v11UserTimeline(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	id := q.Get("user_id")
	if id == "" {
		for _, u := range s.users {
			if u.Username == q.Get("screen_name") {
				id = u.ID
			}
		}
	}
	if _, ok := s.users[id]; !ok {
		s.apiError(w, RouteUserTL11, http.StatusNotFound, 34, "Not Found", "Sorry, that page does not exist.")
		return
	}
	s.v11List(w, r, func(t Tweet) bool { return t.AuthorID == id })
}

func (s *Server) v11Update(w http.ResponseWriter, r *http.Request) {
	var media []string
	if err := r.ParseForm(); err == nil && r.PostForm.Get("media_ids") != "" {
		media = strings.Split(r.PostForm.Get("media_ids"), ",")
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("status") == "" && len(media) == 0 {
		s.apiError(w, RouteUpdate11, http.StatusForbidden, 170, "Forbidden", "Missing required parameter: status.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, status, msg := s.postLocked(r.PostForm.Get("status"), r.PostForm.Get("in_reply_to_status_id"), media)
	if status != 0 {
		s.apiError(w, RouteUpdate11, status, 187, "Forbidden", msg)
		return
	}
	writeJSON(w, http.StatusOK, s.v11Tweet(t, false))
}

// v11Lookup answers statuses/lookup: the posts found, in any order; the
// others are left out.
func (s *Server) v11Lookup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	out := []map[string]any{}
	for _, id := range strings.Split(q.Get("id"), ",") {
		if t, ok := s.findLocked(id); ok {
			out = append(out, s.v11Tweet(t, q.Get("tweet_mode") == "extended"))
		}
	}
	writeJSON(w, http.StatusOK, out)
}
