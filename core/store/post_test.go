package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

var postAt = time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)

// twoChannelPost is a scheduled post on two accounts.
func twoChannelPost(t *testing.T, s *Store) (core.Post, int64, int64) {
	t.Helper()
	vk, x := newAccount(t, s, "club"), newAccount(t, s, "x")
	p := core.Post{
		Text: "Meetup on Saturday!", Media: core.Images("/tmp/a.jpg"), Agenda: core.AgendaLife,
		Tags: []string{"meetup"}, Notes: "ask Anna for photos", At: postAt, Zone: "Europe/Paris",
		Targets: []core.PostTarget{
			{AccountID: vk, Key: "k-vk", State: core.TargetScheduled},
			{AccountID: x, Key: "k-x", Text: "Meetup Sat! #club", State: core.TargetScheduled},
		},
	}
	id, err := s.CreatePost(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Post(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return got, vk, x
}

func TestPostRoundTrip(t *testing.T) {
	s := newStore(t)
	p, vk, x := twoChannelPost(t, s)
	if p.Text != "Meetup on Saturday!" || !p.At.Equal(postAt) || p.Zone != "Europe/Paris" ||
		p.Agenda != core.AgendaLife || !reflect.DeepEqual(p.Media, core.Images("/tmp/a.jpg")) ||
		!reflect.DeepEqual(p.Tags, []string{"meetup"}) || p.Notes != "ask Anna for photos" {
		t.Errorf("post read back as %+v", p)
	}
	if len(p.Targets) != 2 || p.Targets[0].AccountID != vk || p.Targets[1].AccountID != x ||
		p.Targets[0].Account != "club" || p.Targets[1].Text != "Meetup Sat! #club" || p.Targets[1].Key != "k-x" {
		t.Errorf("targets read back as %+v", p.Targets)
	}
	if _, err := s.Post(context.Background(), 999); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("missing post: err = %v, want ErrNotFound", err)
	}
}

func TestSavePostKeepsPublishedChannels(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, _, _ := twoChannelPost(t, s)
	p.Text, p.Targets[1].Text = "Meetup on Sunday!", "Meetup Sun!"
	if err := s.SavePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Post(ctx, p.ID)
	if got.Text != "Meetup on Sunday!" || got.Targets[1].Text != "Meetup Sun!" || !got.At.Equal(postAt) {
		t.Errorf("after save: text %q, variant %q, at %v", got.Text, got.Targets[1].Text, got.At)
	}

	if _, err := s.ClaimTarget(ctx, p.Targets[0].ID, postAt, engineA); err != nil {
		t.Fatal(err)
	}
	p.Targets = p.Targets[1:] // drop the VK channel while it is publishing
	if err := s.SavePost(ctx, p); !errors.Is(err, core.ErrConflict) {
		t.Errorf("dropping a publishing channel: err = %v, want ErrConflict", err)
	}
	if err := s.DeletePost(ctx, p.ID); !errors.Is(err, core.ErrConflict) {
		t.Errorf("deleting a publishing post: err = %v, want ErrConflict", err)
	}
	if err := s.MovePost(ctx, p.ID, postAt.Add(time.Hour), "Europe/Paris"); !errors.Is(err, core.ErrConflict) {
		t.Errorf("moving a publishing post: err = %v, want ErrConflict", err)
	}
}

// A target moves through its states only along the allowed edges, and a
// second claimer never gets a target already claimed.
func TestTargetLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, _, _ := twoChannelPost(t, s)
	vk := p.Targets[0].ID

	if due, _ := s.DueTargets(ctx, postAt.Add(-time.Second)); len(due) != 0 {
		t.Errorf("%d targets due before their time", len(due))
	}
	if next, err := s.NextDue(ctx); err != nil || !next.Equal(postAt) {
		t.Errorf("next due %v (%v), want %v", next, err, postAt)
	}
	if due, _ := s.DueTargets(ctx, postAt); len(due) != 2 {
		t.Fatalf("%d targets due at their time, want 2", len(due))
	}
	claimed, err := s.ClaimTarget(ctx, vk, postAt.Add(time.Second), engineA)
	if err != nil || claimed.State != core.TargetPublishing || claimed.Attempts != 1 || !claimed.Since.Equal(postAt.Add(time.Second)) ||
		claimed.Owner != engineA {
		t.Fatalf("claim: %+v %v", claimed, err)
	}
	if _, err := s.ClaimTarget(ctx, vk, postAt, engineB); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("second claim: err = %v, want ErrNotFound", err)
	}
	if err := s.PublishedTarget(ctx, core.PostTarget{ID: vk, Owner: engineB}, core.Published{RemoteID: "x"}); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("an engine that does not hold the target recorded its outcome: err = %v", err)
	}
	if n, err := s.TargetHeartbeat(ctx, engineA, postAt.Add(time.Minute)); n != 1 || err != nil {
		t.Errorf("heartbeat renewed %d leases (%v), want 1", n, err)
	}
	if err := s.TakeOverTarget(ctx, claimed); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("take over a lease renewed since it was read: err = %v, want ErrNotFound", err)
	}
	leases, err := s.TargetLeases(ctx)
	if err != nil || len(leases) != 1 || leases[0].ID != vk || !leases[0].Heartbeat.Equal(postAt.Add(time.Minute)) {
		t.Fatalf("leases = %+v (%v), want the VK target's, renewed", leases, err)
	}
	if err := s.TakeOverTarget(ctx, leases[0]); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Target(ctx, vk); got.State != core.TargetUnconfirmed || !got.Owner.IsZero() {
		t.Fatalf("taken over while publishing: %s held by %+v, want unconfirmed and free", got.State, got.Owner)
	}
	if err := s.RetryTarget(ctx, vk); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("retrying an unconfirmed target (blind retry): err = %v, want refusal", err)
	}
	check, err := s.ClaimCheck(ctx, vk, postAt.Add(time.Hour), engineB)
	if err != nil || check.State != core.TargetUnconfirmed || check.Owner != engineB {
		t.Fatalf("claim check: %+v %v", check, err)
	}
	if _, err := s.ClaimCheck(ctx, vk, postAt.Add(time.Hour), engineA); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("a second engine checks the same target: err = %v, want ErrNotFound", err)
	}
	if err := s.RescheduleTarget(ctx, check, postAt.Add(time.Hour), "absent on the channel"); err != nil {
		t.Fatal(err)
	}
	again, err := s.ClaimTarget(ctx, vk, postAt.Add(2*time.Hour), engineA)
	if err != nil || again.Attempts != 2 || !again.Since.Equal(postAt.Add(time.Second)) || again.Key != "k-vk" {
		t.Errorf("second attempt: %+v %v; want attempts 2, first-attempt time and key kept", again, err)
	}
	pub := core.Published{RemoteID: "-1_42", URL: "https://vk.com/wall-1_42", At: postAt.Add(2 * time.Hour)}
	if err := s.PublishedTarget(ctx, again, pub); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Target(ctx, vk)
	if got.State != core.TargetPublished || got.RemoteID != "-1_42" || !got.PublishedAt.Equal(pub.At) || !got.Owner.IsZero() {
		t.Errorf("published target: %+v", got)
	}
}

// Two publishing engines, as the window and a daemon are.
var (
	engineA = core.OutboxOwner{Host: "h", PID: 1, Token: "engine-a"}
	engineB = core.OutboxOwner{Host: "h", PID: 2, Token: "engine-b"}
)

func TestRateLimitedTargetWaits(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, _, _ := twoChannelPost(t, s)
	x := p.Targets[1].ID
	claimed, err := s.ClaimTarget(ctx, x, postAt, engineA)
	if err != nil {
		t.Fatal(err)
	}
	retry := postAt.Add(15 * time.Minute)
	if err := s.RescheduleTarget(ctx, claimed, retry, "rate limited"); err != nil {
		t.Fatal(err)
	}
	due, _ := s.DueTargets(ctx, retry.Add(-time.Second))
	for _, d := range due {
		if d.ID == x {
			t.Errorf("a rate-limited target is due before its retry time")
		}
	}
	if next, _ := s.NextDue(ctx); !next.Equal(postAt) {
		t.Errorf("next due %v, want the other target's %v", next, postAt)
	}
}

// An occurrence of a series is made once, however often it is asked for.
func TestSeriesOccurrenceIsUnique(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	acct := newAccount(t, s, "club")
	rec := core.Recurrence{Freq: core.Weekly, Anchor: "2026-03-22T09:00"}
	first := core.Post{Text: "weekly digest", At: postAt, Zone: "Europe/Paris", Recurrence: rec,
		Targets: []core.PostTarget{{AccountID: acct, Key: "k0", State: core.TargetScheduled}}}
	id, err := s.CreatePost(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	next := first
	next.SeriesID, next.Occurrence, next.At = id, 1, postAt.Add(7*24*time.Hour)
	next.Targets = []core.PostTarget{{AccountID: acct, Key: "k1", State: core.TargetScheduled}}
	if _, err := s.CreatePost(ctx, next); err != nil {
		t.Fatal(err)
	}
	next.Targets[0].Key = "k1-again"
	if _, err := s.CreatePost(ctx, next); !errors.Is(err, core.ErrConflict) {
		t.Errorf("second occurrence 1: err = %v, want ErrConflict", err)
	}
	tails, err := s.SeriesTails(ctx)
	if err != nil || len(tails) != 1 || tails[0].Occurrence != 1 || tails[0].SeriesID != id {
		t.Fatalf("tails = %+v (%v), want occurrence 1 of series %d", tails, err, id)
	}
	if err := s.EndSeries(ctx, id, postAt); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Post(ctx, id)
	if !got.Recurrence.Until.Equal(postAt) || got.Recurrence.Anchor != rec.Anchor {
		t.Errorf("ended series recurrence = %+v", got.Recurrence)
	}
}

func TestCampaignsAndMeetupsInRange(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	q2 := core.Campaign{Name: "Spring build", Goal: "a shared map", Start: day(4, 1), End: day(6, 30), Joint: true}
	q2id, err := s.CreateCampaign(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	// The joint-project mark is kept, and taken back by an edit.
	if cs, err := s.Campaigns(ctx, day(4, 1), day(4, 1)); err != nil || len(cs) != 1 || !cs[0].Joint {
		t.Errorf("the joint project reads back as %+v (%v)", cs, err)
	}
	q2.ID, q2.Joint = q2id, false
	if err := s.UpdateCampaign(ctx, q2); err != nil {
		t.Fatal(err)
	}
	if cs, _ := s.Campaigns(ctx, day(4, 1), day(4, 1)); len(cs) != 1 || cs[0].Joint {
		t.Errorf("after the edit the campaign reads %+v", cs)
	}
	if _, err := s.CreateCampaign(ctx, core.Campaign{Name: "bad", Start: day(5, 1), End: day(4, 1)}); err == nil {
		t.Errorf("a campaign ending before it starts was stored")
	}
	m := core.Meetup{Title: "Picnic", Place: "Parc Monceau", Start: time.Date(2026, 6, 30, 10, 0, 0, 0, time.UTC),
		End: time.Date(2026, 6, 30, 14, 0, 0, 0, time.UTC), Zone: "Europe/Paris",
		Attendees: []core.Attendee{{MemberID: 7, Name: "Anna"}, {Name: "Boris"}}}
	if _, err := s.CreateMeetup(ctx, m); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		from, to           time.Time
		campaigns, meetups int
	}{
		{day(3, 1), day(3, 31), 0, 0},
		{day(3, 1), day(4, 1), 1, 0},
		{day(6, 30), day(7, 1), 1, 1},
		{day(7, 1), day(7, 31), 0, 0},
	}
	for _, c := range cases {
		cs, err := s.Campaigns(ctx, c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		ms, err := s.Meetups(ctx, c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != c.campaigns || len(ms) != c.meetups {
			t.Errorf("%s..%s: %d campaigns, %d meetups; want %d, %d", c.from.Format(dayLayout), c.to.Format(dayLayout),
				len(cs), len(ms), c.campaigns, c.meetups)
		}
		if len(ms) == 1 && !reflect.DeepEqual(ms[0].Attendees, m.Attendees) {
			t.Errorf("attendees read back as %+v", ms[0].Attendees)
		}
	}
}
