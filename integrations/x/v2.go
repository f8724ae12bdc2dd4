package x

import (
	"context"
	"net/http"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/michimani/gotwi"
	"github.com/michimani/gotwi/fields"
	"github.com/michimani/gotwi/resources"
	"github.com/michimani/gotwi/tweet/hidereply"
	hidetypes "github.com/michimani/gotwi/tweet/hidereply/types"
	"github.com/michimani/gotwi/tweet/managetweet"
	mtypes "github.com/michimani/gotwi/tweet/managetweet/types"
	"github.com/michimani/gotwi/tweet/timeline"
	tltypes "github.com/michimani/gotwi/tweet/timeline/types"
	"github.com/michimani/gotwi/tweet/tweetlookup"
	lookuptypes "github.com/michimani/gotwi/tweet/tweetlookup/types"
	"github.com/michimani/gotwi/user/userlookup"
	ultypes "github.com/michimani/gotwi/user/userlookup/types"
)

// The fields Hearth asks for: enough to thread, rank and profile.
var (
	v2TweetFields = fields.TweetFieldList{fields.TweetFieldAuthorID, fields.TweetFieldConversationID,
		fields.TweetFieldCreatedAt, fields.TweetFieldInReplyToUserID, fields.TweetFieldLang,
		fields.TweetFieldPublicMetrics, fields.TweetFieldReferencedTweets}
	v2UserFields = fields.UserFieldList{fields.UserFieldPublicMetrics, fields.UserFieldVerified,
		fields.UserFieldLocation, fields.UserFieldDescription, fields.UserFieldProfileImageUrl}
	v2Expansions = fields.ExpansionList{fields.ExpansionAuthorID, fields.ExpansionReferencedTweetsID}
	// A mention's photos: where each is and its size, never fetched by a
	// sync (the inbox loads one when a person asks).
	v2MentionExpansions = append(fields.ExpansionList{fields.ExpansionAttachmentsMediaKeys}, v2Expansions...)
	v2MediaFields       = fields.MediaFieldList{fields.MediaFieldType, fields.MediaFieldUrl,
		fields.MediaFieldWidth, fields.MediaFieldHeight}
)

// v2 speaks X API v2 through gotwi.
type v2 struct {
	c *gotwi.Client
}

func newV2(k core.XKeys, hc *http.Client) (*v2, error) {
	c, err := gotwi.NewClient(&gotwi.NewClientInput{
		HTTPClient:           hc,
		AuthenticationMethod: gotwi.AuthenMethodOAuth1UserContext,
		APIKey:               k.ConsumerKey, APIKeySecret: k.ConsumerSecret,
		OAuthToken: k.AccessToken, OAuthTokenSecret: k.AccessSecret,
	})
	if err != nil {
		return nil, err
	}
	return &v2{c: c}, nil
}

func (b *v2) me(ctx context.Context) (user, error) {
	out, err := userlookup.GetMe(ctx, b.c, &ultypes.GetMeInput{UserFields: v2UserFields})
	if err != nil {
		return user{}, err
	}
	return fromV2User(out.Data), nil
}

func (b *v2) mentions(ctx context.Context, userID string, q pageQuery) (page, error) {
	in := &tltypes.ListMentionsInput{ID: userID, SinceID: q.SinceID, PaginationToken: q.Next,
		MaxResults: tltypes.ListMaxResults(q.Max), Expansions: v2MentionExpansions,
		TweetFields: v2TweetFields, UserFields: v2UserFields, MediaFields: v2MediaFields}
	out, err := timeline.ListMentions(ctx, b.c, in)
	if err != nil {
		return page{}, err
	}
	p := page{Users: map[string]user{}, Next: gotwi.StringValue(out.Meta.NextToken)}
	for _, u := range out.Includes.Users {
		p.Users[gotwi.StringValue(u.ID)] = fromV2User(u)
	}
	photos := map[string]core.Attachment{}
	for _, m := range out.Includes.Media {
		if gotwi.StringValue(m.Type) == "photo" && gotwi.StringValue(m.URL) != "" {
			key := gotwi.StringValue(m.MediaKey)
			photos[key] = core.Attachment{Name: "x-photo-" + key + ".jpg", MIMEType: "image/jpeg",
				URL: gotwi.StringValue(m.URL), Width: intValue(m.Width), Height: intValue(m.Height)}
		}
	}
	for _, t := range out.Data {
		tw := fromV2Tweet(t)
		if t.Attachments != nil {
			for _, k := range t.Attachments.MediaKeys {
				if a, ok := photos[k]; ok {
					tw.Photos = append(tw.Photos, a)
				}
			}
		}
		p.Tweets = append(p.Tweets, tw)
	}
	return p, nil
}

func (b *v2) timeline(ctx context.Context, userID string, since time.Time) ([]tweet, error) {
	var out []tweet
	in := &tltypes.ListTweetsInput{ID: userID, MaxResults: 100, TweetFields: v2TweetFields}
	if !since.IsZero() {
		st := since.UTC()
		in.StartTime = &st
	}
	res, err := timeline.ListTweets(ctx, b.c, in)
	if err != nil {
		return nil, err
	}
	for _, t := range res.Data {
		out = append(out, fromV2Tweet(t))
	}
	return out, nil
}

func (b *v2) post(ctx context.Context, text, inReplyTo string, mediaIDs []string) (tweet, error) {
	in := &mtypes.CreateInput{}
	if text != "" || len(mediaIDs) == 0 {
		in.Text = gotwi.String(text)
	}
	if len(mediaIDs) > 0 {
		in.Media = &mtypes.CreateInputMedia{MediaIDs: mediaIDs}
	}
	if inReplyTo != "" {
		in.Reply = &mtypes.CreateInputReply{InReplyToTweetID: inReplyTo}
	}
	out, err := managetweet.Create(ctx, b.c, in)
	if err != nil {
		return tweet{}, err
	}
	return tweet{ID: gotwi.StringValue(out.Data.ID), Text: gotwi.StringValue(out.Data.Text), ReplyTo: inReplyTo}, nil
}

func (b *v2) hide(ctx context.Context, tweetID string, hidden bool) error {
	_, err := hidereply.Update(ctx, b.c, &hidetypes.UpdateInput{ID: tweetID, Hidden: hidden})
	return err
}

func (b *v2) lookup(ctx context.Context, ids []string) (map[string]bool, error) {
	out, err := tweetlookup.List(ctx, b.c, &lookuptypes.ListInput{IDs: ids})
	if err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for _, t := range out.Data {
		found[gotwi.StringValue(t.ID)] = true
	}
	return found, nil
}

func fromV2User(u resources.User) user {
	out := user{ID: gotwi.StringValue(u.ID), Name: gotwi.StringValue(u.Name), Handle: gotwi.StringValue(u.Username),
		Location: gotwi.StringValue(u.Location), Bio: gotwi.StringValue(u.Description),
		PhotoURL: gotwi.StringValue(u.ProfileImageURL), Verified: gotwi.BoolValue(u.Verified), Followers: -1}
	if m := u.PublicMetrics; m != nil && m.FollowersCount != nil {
		out.Followers = *m.FollowersCount
	}
	return out
}

func fromV2Tweet(t resources.Tweet) tweet {
	out := tweet{ID: gotwi.StringValue(t.ID), Text: gotwi.StringValue(t.Text), AuthorID: gotwi.StringValue(t.AuthorID),
		ConversationID: gotwi.StringValue(t.ConversationID), Lang: gotwi.StringValue(t.Lang),
		ReplyToUser: gotwi.StringValue(t.InReplyToUserID)}
	if t.NoteTweet != nil && t.NoteTweet.Text != nil {
		out.Text = *t.NoteTweet.Text // a long post: text holds only its start
	}
	if t.CreatedAt != nil {
		out.CreatedAt = *t.CreatedAt
	}
	for _, r := range t.ReferencedTweets {
		if gotwi.StringValue(r.Type) == "replied_to" {
			out.ReplyTo = gotwi.StringValue(r.ID)
		}
	}
	if m := t.PublicMetrics; m != nil {
		out.Likes, out.Retweets = intValue(m.LikeCount), intValue(m.RetweetCount)
		out.Replies, out.Quotes = intValue(m.ReplyCount), intValue(m.QuoteCount)
	}
	return out
}

func intValue(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
