package core

import "time"

// Publication is one post going out on one channel. Key is the idempotency
// key chosen when the target was scheduled (the VK guid); it is the same on
// every attempt, so a repeated publish cannot make a second post.
type Publication struct {
	Key  string
	Text string
	// Media are local file paths to attach (images), in order.
	Media []string
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
