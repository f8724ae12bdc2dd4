package xpeer

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/Eyevinn/mp4ff/mp4"
)

// The media endpoints of API v1.1 (upload.twitter.com, served here on the
// peer's root), as X documents them; posts of either API version attach
// what they return:
//
//	POST /1.1/media/upload.json  multipart "media": a simple upload
//	  -> {"media_id": 1, "media_id_string": "1", "size": 11065, "expires_after_secs": 86400,
//	      "image": {"image_type": "image/png", "w": 32, "h": 24}}
//	POST /1.1/media/upload.json  command=INIT&total_bytes=N&media_type=image/gif&media_category=tweet_gif
//	  -> {"media_id": 1, "media_id_string": "1", "expires_after_secs": 86400}
//	POST /1.1/media/upload.json  multipart command=APPEND, media_id, segment_index, "media"
//	  -> 204 No Content
//	POST /1.1/media/upload.json  command=FINALIZE&media_id=1
//	  -> {"media_id": ..., "size": N, "expires_after_secs": 86400, "image": {...}}
//	     plus "processing_info": {"state": "pending", "check_after_secs": 1} for a GIF
//	GET  /1.1/media/upload.json?command=STATUS&media_id=1
//	  -> {"media_id": ..., "processing_info": {"state": "succeeded", "progress_percent": 100}}
//	POST /1.1/media/metadata/create.json  {"media_id": "1", "alt_text": {"text": "..."}}
//	  -> 200, empty
//
// A video goes the chunked way with media_category=tweet_video and
// media_type=video/mp4 (segments of at most 5 MB, at most 512 MB in all);
// FINALIZE and STATUS then answer, as X processes it,
//
//	"processing_info": {"state": "pending", "check_after_secs": 1}
//	"processing_info": {"state": "in_progress", "check_after_secs": 1, "progress_percent": 50}
//	"processing_info": {"state": "succeeded", "progress_percent": 100}
//	"processing_info": {"state": "failed", "progress_percent": 99,
//	                    "error": {"code": 1, "name": "InvalidMedia", "message": "..."}}
//
// failed for a file that is no MP4 of H.264 and AAC up to 140 seconds
// (read with mp4ff, as X's transcoder would refuse it), or when the test
// says so (FailProcessing).
//
// A post names them in "media": {"media_ids": [...]} (v2) or media_ids=1,2 (v1.1):
// up to 4 pictures, or one GIF, or one video.
const (
	RouteUpload11   = "POST /1.1/media/upload.json"
	RouteStatus11   = "GET /1.1/media/upload.json"
	RouteMetadata11 = "POST /1.1/media/metadata/create.json"
)

// Media is an upload the peer holds.
type Media struct {
	ID       string
	Type     string // sniffed from the bytes once complete
	Category string
	Size     int
	Alt      string
	Ready    bool // finalized (and processed)

	Duration time.Duration // a video's, as the peer read it
	Failed   string        // why processing failed, "" when it did not

	total    int
	segments map[int][]byte
	checks   int // STATUS calls left before a GIF or video is processed
	// finalized: a video's FINALIZE was taken (it is processing or done).
	finalized bool
}

// videoChecks are the STATUS answers a video spends pending and in
// progress.
const videoChecks = 2

// segmentMax is the largest APPEND segment X takes.
const segmentMax = 5 << 20

func (s *Server) mediaRoutes() {
	s.mux.HandleFunc(RouteUpload11, s.upload)
	s.mux.HandleFunc(RouteStatus11, s.uploadStatus)
	s.mux.HandleFunc(RouteMetadata11, s.metadata)
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			s.mediaError(w, "Bad request: "+err.Error())
			return
		}
	} else if err := r.ParseForm(); err != nil {
		s.mediaError(w, "Bad request")
		return
	}
	switch r.FormValue("command") {
	case "":
		s.simpleUpload(w, r)
	case "INIT":
		s.initUpload(w, r)
	case "APPEND":
		s.appendUpload(w, r)
	case "FINALIZE":
		s.finalize(w, r)
	default:
		s.mediaError(w, "Invalid command")
	}
}

func (s *Server) simpleUpload(w http.ResponseWriter, r *http.Request) {
	data, ok := formFile(r)
	if !ok {
		s.mediaError(w, "media parameter is missing.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMediaLocked(len(data), "tweet_image")
	m.segments[0] = data
	if msg := s.completeLocked(m); msg != "" {
		delete(s.media, m.ID)
		s.mediaError(w, msg)
		return
	}
	writeJSON(w, http.StatusOK, s.mediaJSON(m))
}

func (s *Server) initUpload(w http.ResponseWriter, r *http.Request) {
	total, err := strconv.Atoi(r.FormValue("total_bytes"))
	if err != nil || total <= 0 || r.FormValue("media_type") == "" {
		s.mediaError(w, "total_bytes and media_type are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.newMediaLocked(total, r.FormValue("media_category"))
	writeJSON(w, http.StatusAccepted, map[string]any{"media_id": s.mediaNum(m), "media_id_string": m.ID,
		"expires_after_secs": 86400})
}

func (s *Server) appendUpload(w http.ResponseWriter, r *http.Request) {
	seg, err := strconv.Atoi(r.FormValue("segment_index"))
	data, ok := formFile(r)
	if err != nil || seg < 0 || seg > 999 || !ok {
		s.mediaError(w, "segment_index and media are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.media[r.FormValue("media_id")]
	if m == nil || m.Ready || m.finalized {
		s.mediaError(w, "Invalid or expired media_id")
		return
	}
	if len(data) > segmentMax {
		s.mediaError(w, "Segment size exceeds 5 MB")
		return
	}
	m.segments[seg] = data // a segment sent again replaces the first copy
	s.appended++
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) finalize(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.media[r.FormValue("media_id")]
	if m == nil {
		s.mediaError(w, "Invalid or expired media_id")
		return
	}
	if !m.Ready && !m.finalized {
		if msg := s.completeLocked(m); msg != "" {
			s.mediaError(w, msg)
			return
		}
	}
	writeJSON(w, http.StatusCreated, s.mediaJSON(m))
}

func (s *Server) uploadStatus(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.media[r.URL.Query().Get("media_id")]
	if m == nil || r.URL.Query().Get("command") != "STATUS" {
		s.mediaError(w, "Invalid or expired media_id")
		return
	}
	if m.checks > 0 {
		m.checks--
	}
	if m.checks == 0 && m.Category == "tweet_video" && !m.Ready && m.Failed == "" {
		s.processVideoLocked(m)
	}
	writeJSON(w, http.StatusOK, s.mediaJSON(m))
}

func (s *Server) metadata(w http.ResponseWriter, r *http.Request) {
	var body struct {
		MediaID string `json:"media_id"`
		AltText struct {
			Text string `json:"text"`
		} `json:"alt_text"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&body); err != nil {
		s.mediaError(w, "Bad JSON")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.media[body.MediaID]
	if m == nil || !m.Ready || len([]rune(body.AltText.Text)) > 1000 {
		s.mediaError(w, "Invalid media_id or alt text over 1000 characters")
		return
	}
	m.Alt = body.AltText.Text
	w.WriteHeader(http.StatusOK)
}

func (s *Server) newMediaLocked(total int, category string) *Media {
	s.nextMedia++
	m := &Media{ID: strconv.FormatInt(s.nextMedia, 10), Category: category, total: total, segments: map[int][]byte{}}
	s.media[m.ID] = m
	return m
}

func (s *Server) mediaNum(m *Media) int64 { n, _ := strconv.ParseInt(m.ID, 10, 64); return n }

// completeLocked joins the segments and checks the picture as X would: ""
// when it is ready (or, a GIF, processing), else why not.
func (s *Server) completeLocked(m *Media) string {
	var data []byte
	for i := 0; i < len(m.segments); i++ {
		seg, ok := m.segments[i]
		if !ok {
			return "Segments are missing"
		}
		data = append(data, seg...)
	}
	if len(data) != m.total {
		return "File size does not match total_bytes"
	}
	m.Type, _, _ = strings.Cut(http.DetectContentType(data), ";")
	if m.Category == "tweet_video" {
		return s.completeVideoLocked(m, data)
	}
	limit := 5 << 20
	if m.Type == "image/gif" {
		limit = 15 << 20
	}
	switch {
	case !strings.HasPrefix(m.Type, "image/") || m.Type == "image/bmp":
		return "media type unrecognized."
	case len(data) > limit:
		return "File size exceeds " + strconv.Itoa(limit>>20) + " MB"
	}
	m.Size, m.Ready, m.segments = len(data), true, map[int][]byte{0: nil}
	if m.Category == "tweet_gif" {
		m.checks = 1
	}
	s.uploaded++
	return ""
}

// completeVideoLocked takes a whole video for processing: ready after
// videoChecks STATUS answers, or failed then.
func (s *Server) completeVideoLocked(m *Media, data []byte) string {
	switch {
	case m.Type != "video/mp4":
		return "media type unrecognized."
	case len(data) > 512<<20:
		return "File size exceeds 512 MB"
	}
	m.Size, m.segments, m.checks, m.finalized = len(data), map[int][]byte{0: data}, videoChecks, true
	s.uploaded++
	return ""
}

// processVideoLocked reads the video as X's transcoder would and makes it
// ready, or failed with X's reason.
func (s *Server) processVideoLocked(m *Media) {
	data := m.segments[0]
	m.segments = map[int][]byte{0: nil}
	f, err := mp4.DecodeFile(bytes.NewReader(data))
	switch {
	case s.failProcessing != "":
		m.Failed, s.failProcessing = s.failProcessing, ""
		return
	case err != nil || f.Moov == nil || f.Moov.Mvhd == nil || f.Moov.Mvhd.Timescale == 0:
		m.Failed = "Unsupported video format"
		return
	}
	m.Duration = time.Duration(float64(f.Moov.Mvhd.Duration) / float64(f.Moov.Mvhd.Timescale) * float64(time.Second))
	for _, trak := range f.Moov.Traks {
		for _, e := range trak.Mdia.Minf.Stbl.Stsd.Children {
			if t := e.Type(); t != "avc1" && t != "avc3" && t != "mp4a" {
				m.Failed = "Unsupported video codec " + t
				return
			}
		}
	}
	if m.Duration > 140*time.Second {
		m.Failed = "Video longer than 2:20 minutes"
		return
	}
	m.Ready = true
}

// FailProcessing makes the next video's processing fail with msg.
func (s *Server) FailProcessing(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failProcessing = msg
}

func (s *Server) mediaJSON(m *Media) map[string]any {
	out := map[string]any{"media_id": s.mediaNum(m), "media_id_string": m.ID, "size": m.Size,
		"expires_after_secs": 86400}
	if m.Category == "tweet_video" {
		out["video"] = map[string]any{"video_type": "video/mp4"}
	} else {
		out["image"] = map[string]any{"image_type": m.Type, "w": 32, "h": 24}
	}
	switch {
	case m.Failed != "":
		out["processing_info"] = map[string]any{"state": "failed", "progress_percent": 99,
			"error": map[string]any{"code": 1, "name": "InvalidMedia", "message": m.Failed}}
	case m.checks > 0 && m.Category == "tweet_video" && m.checks < videoChecks:
		out["processing_info"] = map[string]any{"state": "in_progress", "check_after_secs": 1, "progress_percent": 50}
	case m.checks > 0:
		out["processing_info"] = map[string]any{"state": "pending", "check_after_secs": 1}
	case m.Category == "tweet_gif" || m.Category == "tweet_video":
		out["processing_info"] = map[string]any{"state": "succeeded", "progress_percent": 100}
	}
	return out
}

func (s *Server) mediaError(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []map[string]any{{"code": 324, "message": msg}}})
}

// formFile reads the multipart field "media".
func formFile(r *http.Request) ([]byte, bool) {
	f, _, err := r.FormFile("media")
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return b, err == nil
}

// attachLocked checks the media ids of a new post: each uploaded and
// ready, up to 4 pictures or one GIF. It returns why not, or "".
func (s *Server) attachLocked(ids []string) string {
	if len(ids) > 4 {
		return "Your media IDs are invalid: up to 4 pictures."
	}
	for _, id := range ids {
		m := s.media[id]
		if m == nil || !m.Ready || m.checks > 0 {
			return "Your media IDs are invalid."
		}
		if m.Type == "image/gif" && len(ids) > 1 {
			return "A GIF goes alone on a post."
		}
		if m.Category == "tweet_video" && len(ids) > 1 {
			return "A video goes alone on a post."
		}
	}
	return ""
}

// MediaByID returns an upload.
func (s *Server) MediaByID(id string) (Media, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.media[id]
	if !ok {
		return Media{}, false
	}
	return *m, true
}

// Started counts the uploads begun (simple ones, and INITs).
func (s *Server) Started() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.media)
}

// Appended counts the APPEND segments taken (a segment sent again counts
// again).
func (s *Server) Appended() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appended
}

// Uploads counts the pictures uploaded whole (simple, or finalized).
func (s *Server) Uploads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uploaded
}
