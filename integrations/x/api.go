package x

import (
	"context"
	"time"

	"github.com/hearthhq/hearth/core"
)

// backend is one X API version behind the same small surface; vendor types
// stop inside v2.go and v11.go.
type backend interface {
	me(ctx context.Context) (user, error)
	// mentions returns one page of mentions of userID, newest first.
	mentions(ctx context.Context, userID string, q pageQuery) (page, error)
	// timeline returns the account's own tweets since a time, newest first.
	timeline(ctx context.Context, userID string, since time.Time) ([]tweet, error)
	// post makes a post (a reply when inReplyTo is set) with the
	// pictures of the media ids uploaded before.
	post(ctx context.Context, text, inReplyTo string, mediaIDs []string) (tweet, error)
	hide(ctx context.Context, tweetID string, hidden bool) error
	// lookup reports which of up to lookupMax ids X still shows; a deleted
	// (or no longer visible) post is absent.
	lookup(ctx context.Context, ids []string) (map[string]bool, error)
}

// lookupMax is how many ids one lookup takes, in both API versions.
const lookupMax = 100

// pageQuery asks for mentions newer than SinceID, continuing at Next (a
// v2 pagination token or a v1.1 max_id) when set.
type pageQuery struct {
	SinceID string
	Next    string
	Max     int
}

type page struct {
	Tweets []tweet
	Users  map[string]user
	Next   string // empty on the last page
}

// tweet is a post as Hearth needs it, whatever the API version.
type tweet struct {
	ID             string
	Text           string
	AuthorID       string
	ConversationID string // v2 only
	ReplyTo        string // the tweet it answers
	ReplyToUser    string // the author of ReplyTo
	CreatedAt      time.Time
	Lang           string
	Likes          int
	Retweets       int
	Replies        int
	Quotes         int
	// Photos are the pictures the post carries (v2 includes.media, v1.1
	// extended_entities), to be loaded when a person asks.
	Photos []core.Attachment
}

type user struct {
	ID        string
	Name      string
	Handle    string
	Location  string
	Bio       string
	PhotoURL  string
	Followers int
	Verified  bool
}

// cmpID orders tweet ids (decimal snowflakes) as numbers.
func cmpID(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
