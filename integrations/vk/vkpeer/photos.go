package vkpeer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// The wall photo upload flow of API 5.131, as the documentation shows it:
//
//	photos.getWallUploadServer(group_id)
//	  -> {"upload_url": "https://pu.vk.com/...", "album_id": -14, "user_id": 0}
//	POST upload_url, multipart/form-data, the file in the field "photo"
//	  -> {"server": 1, "photo": "[{\"photo\":\"<token>\",\"sizes\":[]}]", "hash": "<hash>"}
//	   (photo is "[]" when the file was no picture VK takes)
//	photos.saveWallPhoto(group_id, server, photo, hash, caption)
//	  -> [{"id": 457239017, "owner_id": -229000111, "album_id": -14, "date": ..., "text": caption, "sizes": [...]}]
//	wall.post(..., attachments="photo-229000111_457239017")
//
// Saving the same upload again returns the same photo, as VK does within
// the hash's lifetime.

// Photo is a picture saved to the community's wall album.
type Photo struct {
	ID      int
	OwnerID int
	Caption string
	Type    string // sniffed MIME type of the uploaded file
	Size    int
	Date    time.Time
	// Data is the picture served at its URL; Width and Height its size
	// (0: the 604x453 the peer says of an upload).
	Data          []byte
	Width, Height int
}

// upload is one file received by the upload server, not yet saved.
type upload struct {
	token string
	typ   string
	size  int
	data  []byte
	saved int // the photo's id once saved
}

// photoTypes are the files the wall upload takes.
var photoTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true}

func (p *Peer) photosGetWallUploadServer(f form) (any, *apiError) {
	if f.int("group_id", 0) != p.opt.GroupID {
		return nil, errParam("group_id")
	}
	return map[string]any{"upload_url": p.srv.URL + "/upload/wall?gid=" + itoa(p.opt.GroupID), "album_id": -14, "user_id": 0}, nil
}

// serveUpload is the upload server: a multipart POST with the file in
// "photo".
func (p *Peer) serveUpload(w http.ResponseWriter, r *http.Request) {
	if f, ok := p.takeFault("upload"); ok && p.applyFault(w, r, f) {
		return
	}
	file, _, err := r.FormFile("photo")
	if err != nil {
		writeJSON(w, map[string]any{"error": "ERR_UPLOAD_FILE_NOT_UPLOADED: file not uploaded"})
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	sum := sha256.Sum256(data)
	p.mu.Lock()
	p.nextUpload++
	token := fmt.Sprintf("u%d-%s", p.nextUpload, hex.EncodeToString(sum[:6]))
	photo := "[]"
	if photoTypes[typ] && len(data) <= 50<<20 {
		p.uploads[token] = &upload{token: token, typ: typ, size: len(data), data: data}
		b, _ := json.Marshal([]map[string]any{{"photo": token, "sizes": []any{}}})
		photo = string(b)
	}
	p.mu.Unlock()
	writeJSON(w, map[string]any{"server": 1, "photo": photo, "hash": uploadHash(token)})
}

func uploadHash(token string) string {
	sum := sha256.Sum256([]byte("hash:" + token))
	return hex.EncodeToString(sum[:8])
}

func (p *Peer) photosSaveWallPhoto(f form) (any, *apiError) {
	if f.int("group_id", 0) != p.opt.GroupID {
		return nil, errParam("group_id")
	}
	var list []struct {
		Photo string `json:"photo"`
	}
	if err := json.Unmarshal([]byte(f.str("photo")), &list); err != nil || len(list) != 1 {
		return nil, errParam("photo is undefined")
	}
	up := p.uploads[list[0].Photo]
	if up == nil || f.str("hash") != uploadHash(up.token) || f.int("server", 0) != 1 {
		return nil, &apiError{121, "Invalid hash"}
	}
	if up.saved == 0 {
		p.nextPhoto++
		up.saved = p.nextPhoto
		p.photos[up.saved] = &Photo{ID: up.saved, OwnerID: -p.opt.GroupID, Caption: f.str("caption"),
			Type: up.typ, Size: up.size, Date: p.opt.Now(), Data: up.data}
	}
	return []any{p.photoJSON(p.photos[up.saved])}, nil
}

func (p *Peer) photoJSON(ph *Photo) map[string]any {
	w, h := ph.Width, ph.Height
	if w == 0 || h == 0 {
		w, h = 604, 453
	}
	url := fmt.Sprintf("%s/photo/%d.jpg", p.srv.URL, ph.ID)
	// VK lists several sizes of each photo; "s" is at most 75 pixels wide.
	small := map[string]any{"type": "s", "url": url + "?size=s", "width": min(w, 75), "height": h * min(w, 75) / w}
	return map[string]any{"id": ph.ID, "owner_id": ph.OwnerID, "album_id": -14, "date": ph.Date.Unix(),
		"text": ph.Caption, "has_tags": false,
		"sizes": []any{small, map[string]any{"type": "x", "url": url, "width": w, "height": h}}}
}

// AddPhoto adds a photo a user posted (owner is the user's id) with its
// picture, for a comment's Attachments; it returns "photo{owner}_{id}".
func (p *Peer) AddPhoto(owner int, data []byte, width, height int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.nextPhoto++
	typ, _, _ := strings.Cut(http.DetectContentType(data), ";")
	p.photos[p.nextPhoto] = &Photo{ID: p.nextPhoto, OwnerID: owner, Type: typ, Size: len(data), Date: p.opt.Now(),
		Data: data, Width: width, Height: height}
	return fmt.Sprintf("photo%d_%d", owner, p.nextPhoto)
}

// servePhoto serves a photo's picture at the URL its sizes name.
func (p *Peer) servePhoto(w http.ResponseWriter, r *http.Request) {
	var id int
	if _, err := fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/photo/"), "%d.jpg", &id); err != nil {
		http.NotFound(w, r)
		return
	}
	p.mu.Lock()
	p.photoGets++
	ph := p.photos[id]
	p.mu.Unlock()
	if ph == nil || len(ph.Data) == 0 {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ph.Type)
	w.Write(ph.Data)
}

// PhotoGets counts the requests for photos' pictures.
func (p *Peer) PhotoGets() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.photoGets
}

// attachments reads wall.post's attachments: only the community's saved
// photos and uploaded videos are known.
func (p *Peer) attachments(s string) ([]string, *apiError) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, a := range strings.Split(s, ",") {
		var owner, id int
		if _, err := fmt.Sscanf(a, "video%d_%d", &owner, &id); err == nil {
			if v := p.videos[id]; v == nil || v.OwnerID != owner || v.Type == "" {
				return nil, errParam("attachments: unknown " + a)
			}
			out = append(out, a)
			continue
		}
		if _, err := fmt.Sscanf(a, "photo%d_%d", &owner, &id); err != nil || p.photos[id] == nil || p.photos[id].OwnerID != owner {
			return nil, errParam("attachments: unknown " + a)
		}
		out = append(out, a)
	}
	if len(out) > 10 {
		return nil, errParam("attachments: too many")
	}
	return out, nil
}

// attachmentsJSON is a post's attachments as wall.get shows them.
func (p *Peer) attachmentsJSON(atts []string) []any {
	out := []any{}
	for _, a := range atts {
		var owner, id int
		if _, err := fmt.Sscanf(a, "video%d_%d", &owner, &id); err == nil {
			if v := p.videos[id]; v != nil {
				out = append(out, map[string]any{"type": "video", "video": p.videoJSON(v)})
			}
			continue
		}
		fmt.Sscanf(a, "photo%d_%d", &owner, &id)
		if ph := p.photos[id]; ph != nil {
			out = append(out, map[string]any{"type": "photo", "photo": p.photoJSON(ph)})
		}
	}
	return out
}

// Photos returns the photos saved to the wall album, by id.
func (p *Peer) Photos() map[int]Photo {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[int]Photo, len(p.photos))
	for id, ph := range p.photos {
		out[id] = *ph
	}
	return out
}

// Uploads counts the files the upload server took (saved or not).
func (p *Peer) Uploads() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.uploads)
}
