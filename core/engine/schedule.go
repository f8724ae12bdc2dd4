package engine

import (
	"math/rand/v2"
	"time"

	"github.com/hearthhq/hearth/core"
)

// Schedule holds the timing rules of an account's sync as plain data, so
// they are tested without a network or a database.
type Schedule struct {
	Interval   time.Duration // between successful passes
	MinBackoff time.Duration // first retry after a failure
	MaxBackoff time.Duration // cap of the exponential backoff
	// PersonWait is how long to wait after an error only a person can fix
	// (wrong password): retrying sooner would only lock the account.
	PersonWait time.Duration
	// Jitter returns a factor in [0.5, 1.5) spreading retries; nil uses rand.
	Jitter func() float64
}

// DefaultSchedule is used when a connection does not say otherwise.
func DefaultSchedule() Schedule {
	return Schedule{
		Interval:   5 * time.Minute,
		MinBackoff: 10 * time.Second,
		MaxBackoff: 30 * time.Minute,
		PersonWait: time.Hour,
	}
}

// Next returns when the next pass should run after one that ended at now
// with err after errorCount consecutive failures (including this one).
func (s Schedule) Next(now time.Time, err error, errorCount int) time.Time {
	if err == nil {
		return now.Add(s.Interval)
	}
	if re := core.AsRemote(err); re != nil {
		if !re.RetryAt.IsZero() && re.RetryAt.After(now) {
			return re.RetryAt
		}
		if re.NeedsPerson() {
			return now.Add(s.PersonWait)
		}
	}
	return now.Add(s.backoff(errorCount))
}

func (s Schedule) backoff(errorCount int) time.Duration {
	d := s.MinBackoff
	for i := 1; i < errorCount && d < s.MaxBackoff; i++ {
		d *= 2
	}
	d = time.Duration(float64(d) * s.jitter())
	return min(d, s.MaxBackoff)
}

func (s Schedule) jitter() float64 {
	if s.Jitter != nil {
		return s.Jitter()
	}
	return 0.5 + rand.Float64()
}

// Intervaler is implemented by connections that know their polling interval
// (an account setting).
type Intervaler interface {
	Interval() time.Duration
}

// Pacer is implemented by connections whose remote sets the pace: after a
// pass that used up a rate-limit window, NotBefore is when the next pass may
// run (X's reset time). The zero time means no constraint.
type Pacer interface {
	NotBefore() time.Time
}

// paced delays a planned pass until the connection's remote allows it.
func paced(next time.Time, conn Conn) time.Time {
	if p, ok := conn.(Pacer); ok {
		if nb := p.NotBefore(); nb.After(next) {
			return nb
		}
	}
	return next
}
