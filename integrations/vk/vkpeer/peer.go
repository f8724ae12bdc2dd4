// Package vkpeer is a loopback VK API and Bots Long Poll server: a stateful
// community (posts, threaded comments, members, bans, community messages)
// answering the JSON of API 5.131 for the methods Hearth uses, with faults
// injected per method. Tests and the demo run the VK driver against it.
package vkpeer

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"time"
)

// Community token rights the peer checks, by method (VK's names).
const (
	RightWall     = "wall"
	RightManage   = "manage"
	RightMessages = "messages"
)

// User is a VK user the peer knows.
type User struct {
	ID         int
	FirstName  string
	LastName   string
	ScreenName string
	Photo100   string
	City       string
	Followers  int
}

// Post is a wall post of the community.
type Post struct {
	ID      int
	FromID  int // -GroupID for posts by the community
	Date    time.Time
	Text    string
	Likes   int
	Reposts int
	Views   int
	GUID    string
	// PublishDate set in the future makes a postponed (scheduled) post.
	PublishDate time.Time
	// Attachments are wall.post's, as "photo{owner}_{id}" or
	// "video{owner}_{id}".
	Attachments []string
}

// Comment is a comment on a post; ReplyTo is the comment it answers.
type Comment struct {
	ID      int
	PostID  int
	FromID  int
	Date    time.Time
	Text    string
	ReplyTo int
	Deleted bool
	GUID    string
	// Attachments are wall.createComment's, as "photo{owner}_{id}".
	Attachments []string
}

// Message is one message of a community conversation with PeerID (a user).
type Message struct {
	ID       int
	PeerID   int
	FromID   int
	Out      bool
	Date     time.Time
	Text     string
	RandomID int
}

// Ban is a groups.ban entry.
type Ban struct {
	UserID  int
	EndDate time.Time // zero: forever
	Reason  int
	Comment string
}

// Fault is one injected failure of the next call of a method.
type Fault struct {
	Code       int           // a VK error code in a JSON error answer
	HTTPStatus int           // a non-200 answer (with HTML when HTML is set)
	HTML       bool          // an HTML page with status 200 or HTTPStatus
	Delay      time.Duration // wait before answering (a timeout when long)
	LPFailed   int           // long poll only: answer {"failed": N}
}

// Options configure a peer.
type Options struct {
	GroupID   int
	GroupName string
	Token     string
	// Rights of the token; nil means all three.
	Rights []string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// LPWait caps how long an empty long-poll check blocks; 0 means 2 s
	// (tests want quick answers; VK blocks for the client's wait).
	LPWait time.Duration
}

// Peer is the running fake.
type Peer struct {
	opt Options
	srv *httptest.Server

	mu       sync.Mutex
	rights   map[string]bool
	users    map[int]*User
	posts    map[int]*Post
	comments map[int]*Comment
	messages []*Message
	members  map[int]time.Time
	unlisted int // members counted in members_count but not listed (SetMembersCount)
	bans     map[int]Ban
	msgAllow map[int]bool // users' "allow messages from the community" (see AllowMessages)
	events   []event
	lost     int // events before this index are gone (see ForgetEvents)
	lpKey    string
	changed  chan struct{} // closed and replaced on each new event
	faults   map[string][]Fault
	calls    map[string]int
	nextPost int
	nextCmt  int
	nextMsg  int

	uploads    map[string]*upload
	photos     map[int]*Photo
	nextUpload int
	nextPhoto  int
	photoGets  int

	videos       map[int]*Video
	nextVideo    int
	videoUploads int
}

// Start listens on a loopback port.
func Start(opt Options) *Peer {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.LPWait == 0 {
		opt.LPWait = 2 * time.Second
	}
	if opt.Rights == nil {
		opt.Rights = []string{RightWall, RightManage, RightMessages}
	}
	p := &Peer{opt: opt, users: map[int]*User{}, posts: map[int]*Post{}, comments: map[int]*Comment{},
		members: map[int]time.Time{}, bans: map[int]Ban{}, faults: map[string][]Fault{},
		calls: map[string]int{}, changed: make(chan struct{}), lpKey: "k1", nextPost: 1, nextCmt: 1, nextMsg: 1,
		uploads: map[string]*upload{}, photos: map[int]*Photo{}, nextPhoto: 457239016,
		videos: map[int]*Video{}, nextVideo: 456239016}
	p.SetRights(opt.Rights...)
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	p.srv.Listener.Close()
	p.srv.Listener = mustListen()
	p.srv.Start()
	return p
}

func mustListen() net.Listener {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("vkpeer: listen on loopback: " + err.Error())
	}
	return l
}

// URL is the API method endpoint (VKSettings.APIURL).
func (p *Peer) URL() string { return p.srv.URL + "/method/" }

// Close stops the server; blocked long-poll checks return.
func (p *Peer) Close() {
	p.srv.CloseClientConnections()
	p.srv.Close()
}

// SetRights replaces the token's rights.
func (p *Peer) SetRights(rights ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rights = map[string]bool{}
	for _, r := range rights {
		p.rights[r] = true
	}
}

// SetToken changes the valid token (the old one is revoked).
func (p *Peer) SetToken(tok string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.opt.Token = tok
}

// Fail queues faults for the next calls of method ("wall.get", or "lp" for
// the long-poll server).
func (p *Peer) Fail(method string, f ...Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.faults[method] = append(p.faults[method], f...)
}

// Calls counts the answered calls of method (faults included).
func (p *Peer) Calls(method string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[method]
}

// AddUser registers a user.
func (p *Peer) AddUser(u User) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := u
	p.users[u.ID] = &cp
}

// AddMember makes a user a member since at, without an event (seeding).
func (p *Peer) AddMember(id int, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.members[id] = at
}

// Join makes a user join now and emits group_join.
func (p *Peer) Join(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.members[id] = p.opt.Now()
	p.emit("group_join", map[string]any{"user_id": id, "join_type": "join"})
}

// Leave removes a member and emits group_leave.
func (p *Peer) Leave(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.members, id)
	p.emit("group_leave", map[string]any{"user_id": id, "self": 1})
}

// AddPost publishes a post (ID and Date filled when zero) and emits
// wall_post_new. It returns the post id.
func (p *Peer) AddPost(po Post) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.addPost(po)
}

func (p *Peer) addPost(po Post) int {
	if po.ID == 0 {
		po.ID = p.nextPost
	}
	p.nextPost = max(p.nextPost, po.ID+1)
	if po.Date.IsZero() {
		po.Date = p.opt.Now()
	}
	if po.FromID == 0 {
		po.FromID = -p.opt.GroupID
	}
	p.posts[po.ID] = &po
	if !p.postponed(&po) {
		p.emit("wall_post_new", p.postJSON(&po))
	}
	return po.ID
}

// AddComment adds a comment (ID and Date filled when zero) and emits
// wall_reply_new. It returns the comment id.
func (p *Peer) AddComment(c Comment) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.addComment(c)
}

func (p *Peer) addComment(c Comment) int {
	if c.ID == 0 {
		c.ID = p.nextCmt
	}
	p.nextCmt = max(p.nextCmt, c.ID+1)
	if c.Date.IsZero() {
		c.Date = p.opt.Now()
	}
	p.comments[c.ID] = &c
	p.emit("wall_reply_new", p.commentJSON(&c))
	return c.ID
}

// DeletePost removes a post from the wall, as its author or a moderator
// would; the Bots Long Poll API has no event for it.
func (p *Peer) DeletePost(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.posts, id)
}

// ForgetEvents drops the long-poll history, as VK does for a client that
// stayed away for hours: a check from an older ts gets failed:1 and the
// current ts, and what happened meanwhile is only on the wall.
func (p *Peer) ForgetEvents() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lost = len(p.events)
}

// EditComment changes a comment's text and emits wall_reply_edit.
func (p *Peer) EditComment(id int, text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.comments[id]; c != nil {
		c.Text = text
		p.emit("wall_reply_edit", p.commentJSON(c))
	}
}

// DeleteComment deletes a comment as its author would (emits
// wall_reply_delete).
func (p *Peer) DeleteComment(id, deleter int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setDeleted(id, true, deleter)
}

// RestoreComment restores a deleted comment (emits wall_reply_restore).
func (p *Peer) RestoreComment(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.setDeleted(id, false, 0)
}

func (p *Peer) setDeleted(id int, del bool, deleter int) bool {
	c := p.comments[id]
	if c == nil || c.Deleted == del {
		return c != nil
	}
	c.Deleted = del
	if del {
		p.emit("wall_reply_delete", map[string]any{"owner_id": -p.opt.GroupID, "id": id,
			"deleter_id": deleter, "post_id": c.PostID})
	} else {
		p.emit("wall_reply_restore", p.commentJSON(c))
	}
	return true
}

// UserMessage is a message a user writes to the community (emits
// message_new). It returns the message id.
func (p *Peer) UserMessage(userID int, text string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := &Message{ID: p.nextMsg, PeerID: userID, FromID: userID, Date: p.opt.Now(), Text: text}
	p.nextMsg++
	p.messages = append(p.messages, m)
	p.emit("message_new", map[string]any{"message": p.messageJSON(m),
		"client_info": map[string]any{"keyboard": true, "inline_keyboard": true, "lang_id": 0}})
	return m.ID
}

// Posts returns the posts, oldest first (postponed ones included).
func (p *Peer) Posts() []Post {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Post, 0, len(p.posts))
	for _, po := range p.posts {
		out = append(out, *po)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Comment returns a comment by id.
func (p *Peer) Comment(id int) (Comment, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.comments[id]
	if !ok {
		return Comment{}, false
	}
	return *c, true
}

// Comments returns the comments of a post, oldest first.
func (p *Peer) Comments(postID int) []Comment {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Comment
	for _, c := range p.sortedComments() {
		if c.PostID == postID {
			out = append(out, *c)
		}
	}
	return out
}

// Messages returns the messages of a conversation, oldest first.
func (p *Peer) Messages(peerID int) []Message {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Message
	for _, m := range p.messages {
		if m.PeerID == peerID {
			out = append(out, *m)
		}
	}
	return out
}

// Banned returns the ban of a user, if any.
func (p *Peer) Banned(id int) (Ban, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.bans[id]
	return b, ok
}

func (p *Peer) sortedComments() []*Comment {
	out := make([]*Comment, 0, len(p.comments))
	for _, c := range p.comments {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (p *Peer) postponed(po *Post) bool {
	return po.PublishDate.After(p.opt.Now())
}

// thread is the top-level comment a comment belongs to (itself for one).
func (p *Peer) thread(c *Comment) *Comment {
	for c.ReplyTo != 0 {
		parent := p.comments[c.ReplyTo]
		if parent == nil {
			break
		}
		c = parent
	}
	return c
}

// SetMembersCount makes groups.getById's members_count n now, and follow
// joins and leaves from there: a big community (the demo's) without a
// user for each member.
func (p *Peer) SetMembersCount(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.unlisted = n - len(p.members)
}
