package members

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core"
)

// Expert is a member who may know about a topic, with why.
type Expert struct {
	Member core.Member
	Score  int
	// Why says the evidence in English words for the command line; a
	// window says Evidence in its own language.
	Why      string
	Evidence core.ExpertEvidence
	// Handles are the member's screen names per channel, to @-mention them.
	Handles map[core.IdentityKind]string
	// Identities are the member's addresses on every channel, to know them
	// as the author of a message (see WithoutAuthor).
	Identities []core.Identity
}

// Find answers "who knows about topic": declared expertise weighs most,
// then the questions about it they answered lately, then interests.
// Complaining about a topic, or asking about it, is no sign of knowing it.
func (s *Service) Find(ctx context.Context, topic string, limit int) ([]Expert, error) {
	ev, err := s.store.ExpertEvidence(ctx, topic, Rate)
	if err != nil {
		return nil, fmt.Errorf("members: find %q: %w", topic, err)
	}
	list, err := s.experts(ctx, rank(ev), limitOr(limit, 10))
	if err != nil {
		return nil, fmt.Errorf("members: find %q: %w", topic, err)
	}
	return list, nil
}

// MentionsFor offers members to @-mention in a post or reply about text:
// the experts on its most telling words.
func (s *Service) MentionsFor(ctx context.Context, text string, limit int) ([]Expert, error) {
	all := map[int64]*core.ExpertEvidence{}
	for _, kw := range Keywords(text, 3) {
		ev, err := s.store.ExpertEvidence(ctx, kw, Rate)
		if err != nil {
			return nil, fmt.Errorf("members: mentions: %w", err)
		}
		for id, e := range ev {
			if have := all[id]; have != nil {
				have.Level, have.Interest = max(have.Level, e.Level), have.Interest || e.Interest
				have.Answers, have.Complaints = have.Answers+e.Answers, have.Complaints+e.Complaints
				continue
			}
			all[id] = e
		}
	}
	list, err := s.experts(ctx, rank(all), limitOr(limit, 5))
	if err != nil {
		return nil, fmt.Errorf("members: mentions: %w", err)
	}
	return list, nil
}

type ranked struct {
	ev    core.ExpertEvidence
	score int
}

// Weights of the evidence: a declared level outweighs answers, which are
// capped (a chatty helper should not outrank a declared expert), and an
// interest is worth less than one good answer streak.
const (
	levelScore     = 10
	answerScore    = 3
	maxAnswerScore = 15
	interestScore  = 4
)

// rank orders the members with evidence of knowing a topic, best first.
// Complaints count for nothing: a member whose only tie to the topic is a
// complaint (or a question) is not offered at all.
func rank(ev map[int64]*core.ExpertEvidence) []ranked {
	out := make([]ranked, 0, len(ev))
	for _, e := range ev {
		sc := e.Level*levelScore + min(e.Answers*answerScore, maxAnswerScore)
		if e.Interest {
			sc += interestScore
		}
		if sc > 0 {
			out = append(out, ranked{*e, sc})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].ev.MemberID < out[j].ev.MemberID
	})
	return out
}

func (s *Service) experts(ctx context.Context, list []ranked, limit int) ([]Expert, error) {
	out := make([]Expert, 0, min(limit, len(list)))
	for _, r := range list[:min(limit, len(list))] {
		m, err := s.store.Member(ctx, r.ev.MemberID)
		if err != nil {
			return nil, err
		}
		ids, err := s.store.MemberIdentities(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Expert{Member: m, Score: r.score, Why: whyExpert(r.ev), Evidence: r.ev, Handles: handles(ids), Identities: ids})
	}
	return out, nil
}

func handles(ids []core.Identity) map[core.IdentityKind]string {
	h := map[core.IdentityKind]string{}
	for _, id := range ids {
		if id.Handle != "" && !strings.HasPrefix(id.Address, "@") {
			h[id.Kind] = id.Handle
		} else if id.Handle != "" && h[id.Kind] == "" {
			h[id.Kind] = id.Handle
		}
	}
	return h
}

func whyExpert(e core.ExpertEvidence) string {
	var parts []string
	if e.Level > 0 {
		parts = append(parts, fmt.Sprintf("expertise level %d", e.Level))
	}
	if e.Interest {
		parts = append(parts, "lists it as an interest")
	}
	switch {
	case e.Answers == 1:
		parts = append(parts, "answered a question about it lately")
	case e.Answers > 1:
		parts = append(parts, fmt.Sprintf("answered %d questions about it lately", e.Answers))
	}
	return strings.Join(parts, "; ")
}

// WithoutAuthor leaves out of experts the author of the message being
// answered: offering to @-mention the person one is answering is absurd.
// The author is known by their address on the channel of kind.
func WithoutAuthor(experts []Expert, kind core.IdentityKind, author core.Person) []Expert {
	addr := strings.ToLower(strings.TrimSpace(author.Address))
	handle := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(author.Handle), "@"))
	if addr == "" && handle == "" {
		return experts
	}
	out := make([]Expert, 0, len(experts))
	for _, x := range experts {
		if !isAuthor(x, kind, addr, handle) {
			out = append(out, x)
		}
	}
	return out
}

func isAuthor(x Expert, kind core.IdentityKind, addr, handle string) bool {
	for _, id := range x.Identities {
		if id.Kind != kind {
			continue
		}
		if addr != "" && strings.EqualFold(id.Address, addr) {
			return true
		}
		if handle != "" && kind != core.IdentityEmail && strings.EqualFold(strings.TrimPrefix(id.Handle, "@"), handle) {
			return true
		}
	}
	return false
}

// stopwords are common words that say nothing of a topic, made at first
// use: every command of the one binary would pay for the map at start.
var stopwords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`about after again also because before being between could every
		from have here just like more most other over should some such than that their them then there
		these they this those through very what when where which while will with would your
		это этот эта как что чтобы когда если тоже только очень было будет есть всех всем себя
		пожалуйста сегодня завтра
		avec dans pour plus mais nous vous leur cette sont comme tout tous très aussi être avoir
		demain aujourd`) {
		m[w] = true
	}
	return m
})

// Keywords picks up to n telling words of a text: the longest words that
// are not stopwords, most repeated first.
func Keywords(text string, n int) []string {
	count := map[string]int{}
	var order []string
	for _, w := range words(text) {
		if utf8.RuneCountInString(w) < 4 || stopwords()[w] {
			continue
		}
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		return utf8.RuneCountInString(a) > utf8.RuneCountInString(b)
	})
	return order[:min(n, len(order))]
}
