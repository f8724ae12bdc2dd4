package vkpeer

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// rightOf is the token right each method needs ("" for none).
var rightOf = map[string]string{
	"wall.get": RightWall, "wall.getComments": RightWall, "wall.createComment": RightWall,
	"wall.post": RightWall, "wall.deleteComment": RightWall, "photos.getWallUploadServer": RightWall,
	"photos.saveWallPhoto": RightWall, "wall.restoreComment": RightWall,
	"groups.ban": RightManage, "groups.unban": RightManage, "groups.getLongPollServer": RightManage,
	"groups.setLongPollSettings": RightManage,
	"messages.send":              RightMessages, "messages.getHistory": RightMessages, "messages.getConversations": RightMessages,
}

// apiError is a VK error answer.
type apiError struct {
	Code int
	Msg  string
}

func errParam(msg string) *apiError {
	return &apiError{100, "One of the parameters specified was missing or invalid: " + msg}
}

type handler func(p *Peer, f form) (any, *apiError)

var methods = map[string]handler{
	"groups.getById":             (*Peer).groupsGetByID,
	"groups.getMembers":          (*Peer).groupsGetMembers,
	"groups.getLongPollServer":   (*Peer).groupsGetLongPollServer,
	"groups.setLongPollSettings": func(*Peer, form) (any, *apiError) { return 1, nil },
	"groups.ban":                 (*Peer).groupsBan,
	"groups.unban":               (*Peer).groupsUnban,
	"users.get":                  (*Peer).usersGet,
	"wall.get":                   (*Peer).wallGet,
	"wall.getComments":           (*Peer).wallGetComments,
	"wall.createComment":         (*Peer).wallCreateComment,
	"wall.post":                  (*Peer).wallPost,
	"wall.deleteComment":         (*Peer).wallDeleteComment,
	"wall.restoreComment":        (*Peer).wallRestoreComment,
	"messages.send":              (*Peer).messagesSend,
	"messages.getHistory":        (*Peer).messagesGetHistory,
	"messages.getConversations":  (*Peer).messagesGetConversations,
	"photos.getWallUploadServer": (*Peer).photosGetWallUploadServer,
	"photos.saveWallPhoto":       (*Peer).photosSaveWallPhoto,
	"video.save":                 (*Peer).videoSave,
}

func (p *Peer) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/lp":
		p.serveLongPoll(w, r)
	case r.URL.Path == "/upload/wall":
		p.serveUpload(w, r)
	case strings.HasPrefix(r.URL.Path, "/photo/"):
		p.servePhoto(w, r)
	case r.URL.Path == "/upload/video":
		p.serveVideoUpload(w, r)
	case strings.HasPrefix(r.URL.Path, "/method/"):
		p.serveMethod(w, r, strings.TrimPrefix(r.URL.Path, "/method/"))
	default:
		http.NotFound(w, r)
	}
}

func (p *Peer) serveMethod(w http.ResponseWriter, r *http.Request, name string) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if f, ok := p.takeFault(name); ok && p.applyFault(w, r, f) {
		return
	}
	h, ok := methods[name]
	if !ok {
		writeJSON(w, errorBody(&apiError{3, "Unknown method passed"}, name))
		return
	}
	p.mu.Lock()
	res, aerr := p.authorize(r, name)
	if aerr == nil {
		res, aerr = h(p, form{r.Form})
	}
	p.mu.Unlock()
	if aerr != nil {
		writeJSON(w, errorBody(aerr, name))
		return
	}
	writeJSON(w, map[string]any{"response": res})
}

func (p *Peer) authorize(r *http.Request, name string) (any, *apiError) {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if tok == "" {
		tok = r.Form.Get("access_token")
	}
	if tok != p.opt.Token {
		return nil, &apiError{5, "User authorization failed: invalid access_token (4)."}
	}
	if right := rightOf[name]; right != "" && !p.rights[right] {
		if right == RightMessages {
			return nil, &apiError{917, "You don't have access to this chat"}
		}
		return nil, &apiError{15, "Access denied: no access to call this method"}
	}
	return nil, nil
}

// takeFault pops the next fault of a method and counts the call.
func (p *Peer) takeFault(name string) (Fault, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls[name]++
	q := p.faults[name]
	if len(q) == 0 {
		return Fault{}, false
	}
	p.faults[name] = q[1:]
	return q[0], true
}

// applyFault answers with the fault; false when only a delay was asked.
func (p *Peer) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return true
		}
	}
	switch {
	case f.HTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(max(f.HTTPStatus, http.StatusOK))
		fmt.Fprint(w, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
	case f.HTTPStatus != 0:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.HTTPStatus)
		fmt.Fprint(w, `{}`)
	case f.Code != 0:
		writeJSON(w, errorBody(&apiError{f.Code, errorText(f.Code)}, r.URL.Path))
	case f.LPFailed != 0:
		return false
	default:
		return false
	}
	return true
}

func errorText(code int) string {
	switch code {
	case 5:
		return "User authorization failed: access_token has expired."
	case 6:
		return "Too many requests per second"
	case 9:
		return "Flood control"
	case 10:
		return "Internal server error"
	case 15:
		return "Access denied"
	case 27:
		return "Group authorization failed: method is unavailable with group auth."
	default:
		return "Error " + strconv.Itoa(code)
	}
}

func errorBody(e *apiError, method string) map[string]any {
	return map[string]any{"error": map[string]any{"error_code": e.Code, "error_msg": e.Msg,
		"request_params": []map[string]string{{"key": "method", "value": method}, {"key": "v", "value": "5.131"}}}}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// form reads VK's parameters.
type form struct{ v map[string][]string }

func (f form) str(k string) string {
	if s := f.v[k]; len(s) > 0 {
		return s[0]
	}
	return ""
}

func (f form) int(k string, def int) int {
	n, err := strconv.Atoi(f.str(k))
	if err != nil {
		return def
	}
	return n
}

func (f form) bool(k string) bool { s := f.str(k); return s == "1" || s == "true" }

func (f form) ints(k string) []int {
	var out []int
	for _, s := range strings.Split(f.str(k), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// page cuts offset/count out of n items.
func page(f form, n, defCount, maxCount int) (lo, hi int) {
	lo = min(max(f.int("offset", 0), 0), n)
	cnt := min(f.int("count", defCount), maxCount)
	return lo, min(lo+cnt, n)
}
