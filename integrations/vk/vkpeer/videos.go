package vkpeer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The video upload flow of API 5.131, as the documentation shows it:
//
//	video.save(name, description, wallpost=0, group_id)
//	  -> {"upload_url": "https://...", "video_id": 456239017, "owner_id": -229000111,
//	      "title": "...", "description": "...", "access_key": "..."}
//	POST upload_url, multipart/form-data, the file in the field "video_file"
//	  -> {"video_id": 456239017, "owner_id": -229000111, "size": 1234567, "video_hash": "..."}
//	   ({"error": "..."} when no file came)
//	wall.post(..., attachments="video-229000111_456239017")
//
// A video.save whose upload never comes leaves an empty video behind, as
// on VK.

// Video is a video saved to the community.
type Video struct {
	ID          int
	OwnerID     int
	Title       string
	Description string
	Type        string // sniffed MIME type of the uploaded file; "" until uploaded
	Size        int
	Date        time.Time
}

// videoTypes are the files the peer takes (VK takes more: AVI, 3GP...).
var videoTypes = map[string]bool{"video/mp4": true, "video/quicktime": true}

func (p *Peer) videoSave(f form) (any, *apiError) {
	if f.int("group_id", 0) != p.opt.GroupID {
		return nil, errParam("group_id")
	}
	if f.str("wallpost") == "1" {
		return nil, errParam("wallpost: Hearth posts the video itself")
	}
	if len([]rune(f.str("name"))) > 128 || len([]rune(f.str("description"))) > 5000 {
		return nil, errParam("name or description too long")
	}
	p.nextVideo++
	v := &Video{ID: p.nextVideo, OwnerID: -p.opt.GroupID, Title: f.str("name"), Description: f.str("description"), Date: p.opt.Now()}
	if v.Title == "" {
		v.Title = "Untitled"
	}
	p.videos[v.ID] = v
	return map[string]any{"upload_url": fmt.Sprintf("%s/upload/video?vid=%d", p.srv.URL, v.ID), "video_id": v.ID,
		"owner_id": v.OwnerID, "title": v.Title, "description": v.Description, "access_key": "a1b2c3"}, nil
}

// serveVideoUpload is the video upload server: a multipart POST with the
// file in "video_file".
func (p *Peer) serveVideoUpload(w http.ResponseWriter, r *http.Request) {
	if f, ok := p.takeFault("video upload"); ok && p.applyFault(w, r, f) {
		return
	}
	file, _, err := r.FormFile("video_file")
	if err != nil {
		writeJSON(w, map[string]any{"error": "file not uploaded"})
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	if len(data) >= 12 && string(data[4:12]) == "ftypqt  " {
		typ = "video/quicktime"
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var id int
	fmt.Sscanf(r.URL.Query().Get("vid"), "%d", &id)
	v := p.videos[id]
	switch {
	case v == nil || v.Type != "":
		writeJSON(w, map[string]any{"error": "invalid upload url"})
		return
	case !videoTypes[typ]:
		writeJSON(w, map[string]any{"error": "unsupported file type " + typ})
		return
	}
	v.Type, v.Size = typ, len(data)
	p.videoUploads++
	sum := sha256.Sum256(data)
	writeJSON(w, map[string]any{"video_id": v.ID, "owner_id": v.OwnerID, "size": v.Size, "video_hash": hex.EncodeToString(sum[:8])})
}

func (p *Peer) videoJSON(v *Video) map[string]any {
	return map[string]any{"id": v.ID, "owner_id": v.OwnerID, "title": v.Title, "description": v.Description,
		"date": v.Date.Unix(), "duration": 0, "access_key": "a1b2c3"}
}

// Videos returns the community's videos, by id.
func (p *Peer) Videos() map[int]Video {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[int]Video, len(p.videos))
	for id, v := range p.videos {
		out[id] = *v
	}
	return out
}

// VideoUploads counts the video files the upload server took.
func (p *Peer) VideoUploads() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.videoUploads
}
