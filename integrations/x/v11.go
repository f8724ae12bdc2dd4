package x

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/dghubble/go-twitter/twitter"
	"github.com/dghubble/oauth1"
	"github.com/hearthhq/hearth/core"
)

// v11Page is the largest mentions page v1.1 serves.
const v11Page = 200

// v11 speaks X API v1.1 through go-twitter, for services that still answer
// it. go-twitter takes no context, so each call gets a client whose
// requests carry the caller's.
type v11 struct {
	signer  http.RoundTripper // OAuth1 signing over the shared transport
	timeout time.Duration
}

func newV11(k core.XKeys, next http.RoundTripper, timeout time.Duration) *v11 {
	cfg := oauth1.NewConfig(k.ConsumerKey, k.ConsumerSecret)
	base := context.WithValue(context.Background(), oauth1.HTTPClient, &http.Client{Transport: next})
	hc := cfg.Client(base, oauth1.NewToken(k.AccessToken, k.AccessSecret))
	return &v11{signer: hc.Transport, timeout: timeout}
}

func (b *v11) client(ctx context.Context) *twitter.Client {
	return twitter.NewClient(&http.Client{Transport: ctxTransport{ctx, b.signer}, Timeout: b.timeout})
}

// ctxTransport attaches a context to requests made by a library without one.
type ctxTransport struct {
	ctx  context.Context
	next http.RoundTripper
}

func (t ctxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.next.RoundTrip(req.WithContext(t.ctx))
}

func (b *v11) me(ctx context.Context) (user, error) {
	u, _, err := b.client(ctx).Accounts.VerifyCredentials(&twitter.AccountVerifyParams{SkipStatus: twitter.Bool(true)})
	if err != nil {
		return user{}, err
	}
	return fromV11User(u), nil
}

// mentions pages with max_id: Next is the id just below the oldest seen.
func (b *v11) mentions(ctx context.Context, _ string, q pageQuery) (page, error) {
	params := &twitter.MentionTimelineParams{Count: min(q.Max, v11Page), TweetMode: "extended"}
	var err error
	if params.SinceID, err = parseID(q.SinceID); err != nil {
		return page{}, err
	}
	if params.MaxID, err = parseID(q.Next); err != nil {
		return page{}, err
	}
	ts, _, err := b.client(ctx).Timelines.MentionTimeline(params)
	if err != nil {
		return page{}, err
	}
	p := page{Users: map[string]user{}}
	for _, t := range ts {
		p.Tweets = append(p.Tweets, fromV11Tweet(t))
		if t.User != nil {
			p.Users[t.User.IDStr] = fromV11User(t.User)
		}
	}
	if len(ts) > 0 {
		p.Next = strconv.FormatInt(ts[len(ts)-1].ID-1, 10)
	}
	return p, nil
}

func (b *v11) timeline(ctx context.Context, userID string, since time.Time) ([]tweet, error) {
	id, err := parseID(userID)
	if err != nil {
		return nil, err
	}
	ts, _, err := b.client(ctx).Timelines.UserTimeline(&twitter.UserTimelineParams{UserID: id, Count: v11Page,
		TweetMode: "extended", IncludeRetweets: twitter.Bool(false)})
	if err != nil {
		return nil, err
	}
	var out []tweet
	for _, t := range ts {
		if tw := fromV11Tweet(t); !tw.CreatedAt.Before(since) {
			out = append(out, tw)
		}
	}
	return out, nil
}

func (b *v11) post(ctx context.Context, text, inReplyTo string, mediaIDs []string) (tweet, error) {
	params := &twitter.StatusUpdateParams{}
	var err error
	if params.InReplyToStatusID, err = parseID(inReplyTo); err != nil {
		return tweet{}, err
	}
	for _, s := range mediaIDs {
		id, err := parseID(s)
		if err != nil {
			return tweet{}, err
		}
		params.MediaIds = append(params.MediaIds, id)
	}
	t, _, err := b.client(ctx).Statuses.Update(text, params)
	if err != nil {
		return tweet{}, err
	}
	return fromV11Tweet(*t), nil
}

// hide is not in v1.1: hidden replies came with v2.
func (b *v11) hide(context.Context, string, bool) error {
	return errHideV11
}

func parseID(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("x: tweet id %q is not a number", s)
	}
	return n, nil
}

func fromV11User(u *twitter.User) user {
	return user{ID: u.IDStr, Name: u.Name, Handle: u.ScreenName, Location: u.Location, Bio: u.Description,
		PhotoURL: u.ProfileImageURLHttps, Followers: u.FollowersCount, Verified: u.Verified}
}

func (b *v11) lookup(ctx context.Context, ids []string) (map[string]bool, error) {
	nums := make([]int64, 0, len(ids))
	for _, id := range ids {
		n, err := parseID(id)
		if err != nil {
			return nil, err
		}
		nums = append(nums, n)
	}
	ts, _, err := b.client(ctx).Statuses.Lookup(nums, &twitter.StatusLookupParams{})
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for _, t := range ts {
		found[t.IDStr] = true
	}
	return found, nil
}

func fromV11Tweet(t twitter.Tweet) tweet {
	out := tweet{ID: t.IDStr, Text: t.FullText, ReplyTo: t.InReplyToStatusIDStr, ReplyToUser: t.InReplyToUserIDStr, Lang: t.Lang,
		Likes: t.FavoriteCount, Retweets: t.RetweetCount, Replies: t.ReplyCount, Quotes: t.QuoteCount}
	if out.Text == "" {
		out.Text = t.Text
	}
	if t.User != nil {
		out.AuthorID = t.User.IDStr
	}
	if at, err := t.CreatedAtTime(); err == nil {
		out.CreatedAt = at
	}
	if t.ExtendedEntities != nil {
		for _, m := range t.ExtendedEntities.Media {
			if m.Type == "photo" && m.MediaURLHttps != "" {
				out.Photos = append(out.Photos, core.Attachment{Name: "x-photo-" + m.IDStr + ".jpg", MIMEType: "image/jpeg",
					URL: m.MediaURLHttps, Width: m.Sizes.Large.Width, Height: m.Sizes.Large.Height})
			}
		}
	}
	return out
}
