package xpeer

import (
	"net/http"
	"strconv"
	"strings"
)

// photo is a picture a user posted with a tweet (Tweet.Photos), served
// at its media URL as pbs.twimg.com serves them: no keys asked.
type photo struct {
	data          []byte
	typ           string
	width, height int
}

// photoPrefix is the path of the posted pictures.
const photoPrefix = "/pic/"

// AddPhoto keeps a picture a user posts and returns its media key, for a
// tweet's Photos.
func (s *Server) AddPhoto(data []byte, width, height int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.photos == nil {
		s.photos = map[string]*photo{}
	}
	s.nextMedia++
	key := "3_" + strconv.FormatInt(900000+s.nextMedia, 10)
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	s.photos[key] = &photo{data: data, typ: typ, width: width, height: height}
	return key
}

// v2Media is includes.media for the photos of a page's tweets.
func (s *Server) v2Media(keys []string, f fieldSet) []map[string]any {
	var out []map[string]any
	for _, k := range uniq(keys) {
		p := s.photos[k]
		if p == nil {
			continue
		}
		m := map[string]any{"media_key": k, "type": "photo"}
		if f["url"] {
			m["url"] = s.url + photoPrefix + k + ".jpg"
		}
		if f["width"] {
			m["width"] = p.width
		}
		if f["height"] {
			m["height"] = p.height
		}
		out = append(out, m)
	}
	return out
}

// v11Media is a v1.1 status's media entities for its photos: the id, where
// the picture is and its sizes ("large" is the picture itself up to 2048
// pixels a side, as X serves it).
func (s *Server) v11Media(keys []string) []map[string]any {
	var out []map[string]any
	for i, k := range uniq(keys) {
		p := s.photos[k]
		if p == nil {
			continue
		}
		size := func(w, h int, resize string) map[string]any { return map[string]any{"w": w, "h": h, "resize": resize} }
		out = append(out, map[string]any{
			"id": 1_600_000_000_000_000_000 + int64(i), "id_str": k, "type": "photo",
			"media_url_https": s.url + photoPrefix + k + ".jpg", "url": "https://t.co/pic" + k,
			"display_url": "pic.x.com/" + k, "expanded_url": s.url + photoPrefix + k + ".jpg",
			"sizes": map[string]any{"large": size(p.width, p.height, "fit"), "thumb": size(150, 150, "crop")},
		})
	}
	return out
}

// servePhoto answers a posted picture's URL.
func (s *Server) servePhoto(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, photoPrefix), ".jpg")
	s.mu.Lock()
	s.photoGets++
	p := s.photos[key]
	s.mu.Unlock()
	if p == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", p.typ)
	w.Write(p.data)
}

// PhotoGets counts the requests for posted pictures.
func (s *Server) PhotoGets() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.photoGets
}
