package stats

// A period's item numbers are the sum of its days. Each civil day is read
// once, summarised per account (volume, its hours, reply waits in all and
// in business hours, conversations opened and answered, posts and their
// reactions) and kept in the workspace; a later dashboard reads the
// summaries back and reads again only the days that changed since (the
// store's change marks say which), so a quarter on a million items costs
// a few hundred small rows, not its items. Every number is the one the
// items give: medians come from the waits themselves, not from buckets.

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/hearthhq/hearth/core"
)

// daySum is what one account's day adds to a period.
type daySum struct {
	In, Out          int
	HourIn           [24]int // messages in by hour of the zone
	Opened, Answered int     // conversations opened this day, and answered since
	Posts            int
	Reactions        core.ItemStats
	Tone             toneSum
	Replies          []wait // replies sent this day
	Firsts           []wait // first responses to conversations opened this day
}

// toneSum is the tone of messages in (core.ToneHour).
type toneSum struct {
	Toned, Negative  int
	SentimentMilli   int64
	Abusive, Handled int
}

func (t *toneSum) add(o toneSum) {
	t.Toned += o.Toned
	t.Negative += o.Negative
	t.SentimentMilli += o.SentimentMilli
	t.Abusive += o.Abusive
	t.Handled += o.Handled
}

// wait is a reply's wait in all hours and in business hours.
type wait struct{ All, Biz time.Duration }

// dayData is one day's summaries by account.
type dayData struct {
	Date     time.Time // midnight in the zone
	Accounts map[int64]*daySum
}

func (d dayData) account(id int64) *daySum {
	s := d.Accounts[id]
	if s == nil {
		s = &daySum{}
		d.Accounts[id] = s
	}
	return s
}

// summaryVersion changes when daySum or its encoding does: summaries of
// another version are read again.
const summaryVersion = 2

// cacheKey names what a summary depends on besides the items.
func cacheKey(cs Settings) string {
	b, _ := json.Marshal(cs) // plain strings and numbers always encode
	return fmt.Sprintf("v%d %s", summaryVersion, b)
}

// periodDays returns the summaries of p's days, oldest first: kept ones
// that still hold, the others read now and kept.
func (c calc) periodDays(ctx context.Context, p Period) ([]dayData, error) {
	c.s.days.Lock()
	defer c.s.days.Unlock()
	mark, err := c.s.store.StatsMark(ctx)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	key := cacheKey(c.cs)
	fresh, err := c.keptDays(ctx, p, key)
	if err != nil {
		return nil, err
	}
	var (
		out  []dayData
		save []core.StatsDay
		run  []time.Time // days not kept, in a row: read together
	)
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		read, err := c.readDays(ctx, run)
		if err != nil {
			return err
		}
		for _, d := range read {
			save = append(save, core.StatsDay{Day: d.Date.Format(time.DateOnly), Key: key, Mark: mark, Data: encodeDay(d)})
		}
		out, run = append(out, read...), nil
		return nil
	}
	for day := p.From; day.Before(p.To); day = day.AddDate(0, 0, 1) {
		d, ok := fresh[day.Format(time.DateOnly)]
		if !ok {
			run = append(run, day)
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := c.s.store.SaveStatsDays(ctx, save); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return out, nil
}

// keptDays are the kept summaries of p that no change has made stale.
func (c calc) keptDays(ctx context.Context, p Period, key string) (map[string]dayData, error) {
	kept, err := c.s.store.StatsDays(ctx, key, p.From.Format(time.DateOnly), p.Last().Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if len(kept) == 0 {
		return nil, nil
	}
	marks := map[string]int64{}
	oldest := kept[0].Mark
	for _, k := range kept {
		marks[k.Day] = k.Mark
		oldest = min(oldest, k.Mark)
	}
	changed, err := c.s.store.StatsChanges(ctx, p.From, p.To, oldest)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	for _, h := range changed {
		// An hour belongs to the days of its first and last minute (two
		// in a zone of half hours).
		for _, t := range []time.Time{h.Hour, h.Hour.Add(time.Hour - time.Millisecond)} {
			day := t.In(c.loc).Format(time.DateOnly)
			if m, ok := marks[day]; ok && m < h.Mark {
				delete(marks, day)
			}
		}
	}
	out := map[string]dayData{}
	for _, k := range kept {
		if _, ok := marks[k.Day]; !ok {
			continue
		}
		date, err := time.ParseInLocation(time.DateOnly, k.Day, c.loc)
		if err != nil {
			continue // not a day: read it again
		}
		d, err := decodeDay(k.Data, date)
		if err != nil {
			continue // damaged or of another version: read it again
		}
		out[k.Day] = d
	}
	return out, nil
}

// readDays summarises consecutive days from the store's aggregates.
func (c calc) readDays(ctx context.Context, run []time.Time) ([]dayData, error) {
	from, to := run[0], run[len(run)-1].AddDate(0, 0, 1)
	out := make([]dayData, len(run))
	index := map[string]int{}
	for i, day := range run {
		out[i] = dayData{Date: day, Accounts: map[int64]*daySum{}}
		index[day.Format(time.DateOnly)] = i
	}
	// at is the summary of an account on the day of t; nil outside the run.
	at := func(t time.Time, account int64) *daySum {
		i, ok := index[t.In(c.loc).Format(time.DateOnly)]
		if !ok {
			return nil
		}
		return out[i].account(account)
	}
	steps := []func(context.Context, time.Time, time.Time, func(time.Time, int64) *daySum) error{
		c.readVolume, c.readTone, c.readWaits, c.readPosts,
	}
	for _, step := range steps {
		if err := step(ctx, from, to, at); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
	}
	for i, day := range run {
		threads, err := c.s.store.StatsThreadsByAccount(ctx, day, day.AddDate(0, 0, 1))
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		for id, th := range threads {
			s := out[i].account(id)
			s.Opened, s.Answered = th.Opened, th.Answered
		}
	}
	return out, nil
}

func (c calc) readVolume(ctx context.Context, from, to time.Time, at func(time.Time, int64) *daySum) error {
	hours, err := c.s.store.StatsVolume(ctx, from, to, 0)
	if err != nil {
		return err
	}
	for _, h := range hours {
		// An hour straddling midnight in a zone of half hours counts on
		// the day it starts.
		if s := at(h.Hour, h.AccountID); s != nil {
			s.In += h.In
			s.Out += h.Out
			s.HourIn[h.Hour.In(c.loc).Hour()] += h.In
		}
	}
	return nil
}

func (c calc) readTone(ctx context.Context, from, to time.Time, at func(time.Time, int64) *daySum) error {
	hours, err := c.s.store.StatsTone(ctx, from, to, 0)
	if err != nil {
		return err
	}
	for _, h := range hours {
		if s := at(h.Hour, h.AccountID); s != nil {
			s.Tone.add(toneSum{h.Toned, h.Negative, h.SentimentMilli, h.Abusive, h.Handled})
		}
	}
	return nil
}

func (c calc) readWaits(ctx context.Context, from, to time.Time, at func(time.Time, int64) *daySum) error {
	waits, err := c.s.store.StatsReplyWaits(ctx, from, to, 0)
	if err != nil {
		return err
	}
	for _, w := range waits {
		x := wait{w.At.Sub(w.Since), c.cs.Business.Within(w.Since, w.At, c.loc)}
		if s := at(w.At, w.AccountID); s != nil {
			s.Replies = append(s.Replies, x)
		}
		if s := at(w.Since, w.AccountID); s != nil && w.First {
			s.Firsts = append(s.Firsts, x)
		}
	}
	return nil
}

func (c calc) readPosts(ctx context.Context, from, to time.Time, at func(time.Time, int64) *daySum) error {
	posts, err := c.s.store.StatsPosts(ctx, from, to, 0)
	if err != nil {
		return err
	}
	for _, ps := range posts {
		s := at(ps.At, ps.AccountID)
		if s == nil {
			continue
		}
		s.Posts++
		s.Reactions.Comments += ps.Stats.Comments
		s.Reactions.Likes += ps.Stats.Likes
		s.Reactions.Reposts += ps.Stats.Reposts
		s.Reactions.Views += ps.Stats.Views
	}
	return nil
}

// sum is a period's days added up for one account (0: all).
type sum struct {
	daySum
	Days    []Day
	Heatmap [7][24]int
}

func addDays(days []dayData, account int64) sum {
	var t sum
	for _, d := range days {
		day := Day{Date: d.Date, AccountIn: map[int64]int{}, AccountOut: map[int64]int{}, AccountTone: map[int64]ToneCount{}}
		wd := (int(d.Date.Weekday()) + 6) % 7
		for id, s := range d.Accounts {
			if account != 0 && id != account {
				continue
			}
			day.In += s.In
			day.Out += s.Out
			tc := ToneCount{s.Tone.Toned, s.Tone.Negative, s.Tone.SentimentMilli}
			day.Tone.add(tc)
			if tc.Toned > 0 {
				day.AccountTone[id] = tc
			}
			day.AccountIn[id] += s.In
			day.AccountOut[id] += s.Out
			for h, n := range s.HourIn {
				t.Heatmap[wd][h] += n
			}
			t.add(s)
		}
		t.Days = append(t.Days, day)
	}
	return t
}

func (t *daySum) add(s *daySum) {
	t.In += s.In
	t.Out += s.Out
	t.Opened += s.Opened
	t.Answered += s.Answered
	t.Posts += s.Posts
	t.Reactions.Comments += s.Reactions.Comments
	t.Reactions.Likes += s.Reactions.Likes
	t.Reactions.Reposts += s.Reactions.Reposts
	t.Reactions.Views += s.Reactions.Views
	t.Tone.add(s.Tone)
	t.Replies = append(t.Replies, s.Replies...)
	t.Firsts = append(t.Firsts, s.Firsts...)
}

// encodeDay writes a day's summaries as varints, accounts in id order.
func encodeDay(d dayData) []byte {
	b := binary.AppendUvarint(nil, summaryVersion)
	b = binary.AppendUvarint(b, uint64(len(d.Accounts)))
	ids := make([]int64, 0, len(d.Accounts))
	for id := range d.Accounts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		s := d.Accounts[id]
		ints := []int64{id, int64(s.In), int64(s.Out), int64(s.Opened), int64(s.Answered), int64(s.Posts),
			int64(s.Reactions.Comments), int64(s.Reactions.Likes), int64(s.Reactions.Reposts), int64(s.Reactions.Views),
			int64(s.Tone.Toned), int64(s.Tone.Negative), s.Tone.SentimentMilli, int64(s.Tone.Abusive), int64(s.Tone.Handled)}
		for _, n := range s.HourIn {
			ints = append(ints, int64(n))
		}
		for _, n := range ints {
			b = binary.AppendVarint(b, n)
		}
		for _, ws := range [][]wait{s.Replies, s.Firsts} {
			b = binary.AppendUvarint(b, uint64(len(ws)))
			for _, w := range ws {
				b = binary.AppendVarint(b, w.All.Milliseconds())
				b = binary.AppendVarint(b, w.Biz.Milliseconds())
			}
		}
	}
	return b
}

var errSummary = errors.New("stats: damaged day summary")

// decodeDay reads what encodeDay wrote.
func decodeDay(b []byte, date time.Time) (dayData, error) {
	d := dayData{Date: date, Accounts: map[int64]*daySum{}}
	r := reader{b: b}
	if r.uvarint() != summaryVersion {
		return d, errSummary
	}
	n := r.uvarint()
	for i := uint64(0); i < n && r.err == nil; i++ {
		id := r.varint()
		s := &daySum{}
		for _, p := range []*int{&s.In, &s.Out, &s.Opened, &s.Answered, &s.Posts,
			&s.Reactions.Comments, &s.Reactions.Likes, &s.Reactions.Reposts, &s.Reactions.Views,
			&s.Tone.Toned, &s.Tone.Negative} {
			*p = int(r.varint())
		}
		s.Tone.SentimentMilli = r.varint()
		s.Tone.Abusive, s.Tone.Handled = int(r.varint()), int(r.varint())
		for h := range s.HourIn {
			s.HourIn[h] = int(r.varint())
		}
		s.Replies, s.Firsts = r.waits(), r.waits()
		d.Accounts[id] = s
	}
	if r.err != nil || len(r.b) != 0 {
		return d, errSummary
	}
	return d, nil
}

// reader reads varints until the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errSummary, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errSummary, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) waits() []wait {
	n := r.uvarint()
	if n > uint64(len(r.b)) { // each wait takes at least two bytes
		r.err, r.b = errSummary, nil
		return nil
	}
	var ws []wait
	for i := uint64(0); i < n && r.err == nil; i++ {
		all := time.Duration(r.varint()) * time.Millisecond
		biz := time.Duration(r.varint()) * time.Millisecond
		ws = append(ws, wait{all, biz})
	}
	return ws
}
