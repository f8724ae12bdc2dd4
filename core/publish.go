package core

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Publication is one post going out on one channel. Key is the idempotency
// key chosen when the target was scheduled (the VK guid); it is the same on
// every attempt, so a repeated publish cannot make a second post.
type Publication struct {
	Key  string
	Text string
	// Images go out with the post, in order, fitted to the channel.
	Images []PublishImage
	// Uploaded records what the channel answered to a step of an image's
	// upload (integration-defined), before the post is made: a retry of
	// the post then resumes from there and never uploads an image twice.
	// Nil: nothing is recorded.
	Uploaded func(ctx context.Context, image int, upload string) error
	// PublishAt, when in the future, asks the channel to publish at that
	// time itself (VK publish_date); zero publishes now.
	PublishAt time.Time
	// Since is when the first attempt started: a crash check looks for a
	// post made after it.
	Since time.Time
}

// Published is what a channel answered for a publication.
type Published struct {
	RemoteID string    // post id on the channel
	URL      string    // a link a person can open
	At       time.Time // when the channel dated it
}

// Record calls Uploaded when set and keeps upload on the image, so the
// steps after it see it.
func (p Publication) Record(ctx context.Context, image int, upload string) error {
	p.Images[image].Upload = upload
	if p.Uploaded == nil {
		return nil
	}
	return p.Uploaded(ctx, image, upload)
}

// ErrNotPosted marks a publish that failed before the post itself was
// sent (uploading its pictures): whatever the error, no post was made, so
// the calendar may try again by itself.
var ErrNotPosted = errors.New("the post itself was not sent")

// NotPosted wraps a failure before the post was sent with ErrNotPosted;
// nil stays nil.
func NotPosted(err error) error {
	if err == nil || errors.Is(err, ErrNotPosted) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrNotPosted, err)
}
