package members

import (
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

func TestWelcomeDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	const ms = time.Millisecond
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	cases := []struct {
		name     string
		m        core.Member
		welcomed time.Time
		want     bool
	}{
		{"joined a day ago", core.Member{JoinedAt: ago(WelcomeAfter), FirstSeen: ago(time.Hour)}, time.Time{}, true},
		{"joined two days ago", core.Member{JoinedAt: ago(WelcomeBefore)}, time.Time{}, true},
		{"joined just under a day ago", core.Member{JoinedAt: ago(WelcomeAfter - ms)}, time.Time{}, false},
		{"joined just over two days ago", core.Member{JoinedAt: ago(WelcomeBefore + ms)}, time.Time{}, false},
		{"no join: first seen counts", core.Member{FirstSeen: ago(30 * time.Hour)}, time.Time{}, true},
		{"a join outside wins over a sighting inside", core.Member{JoinedAt: ago(5 * 24 * time.Hour), FirstSeen: ago(30 * time.Hour)}, time.Time{}, false},
		{"welcomed already", core.Member{JoinedAt: ago(30 * time.Hour)}, ago(time.Hour), false},
		{"written to since the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(29 * time.Hour)}, time.Time{}, false},
		{"written to at the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(30 * time.Hour)}, time.Time{}, false},
		{"written to before the join", core.Member{JoinedAt: ago(30 * time.Hour), LastContacted: ago(40 * 24 * time.Hour)}, time.Time{}, true},
	}
	for _, c := range cases {
		if got := welcomeDue(core.WelcomeCandidate{Member: c.m, LastWelcome: c.welcomed}, now); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}

// A spammer or a banned member is never in the welcome queue, and a
// newcomer who introduced himself is, as soon as he did, within the two
// days a welcome is timely.
func TestWelcomeDueSpamBanAndIntroductions(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	joined := core.Member{JoinedAt: ago(30 * time.Hour)}
	fresh := core.Member{JoinedAt: ago(3 * time.Hour), FirstSeen: ago(3 * time.Hour)}
	intro := "Привет всем, я новенький! Можно прийти, если английский так себе?"
	cases := []struct {
		name string
		c    core.WelcomeCandidate
		want bool
	}{
		{"joined a day ago", core.WelcomeCandidate{Member: joined}, true},
		{"joined a day ago, wrote spam", core.WelcomeCandidate{Member: joined, FirstText: "cheap followers", Spam: true}, false},
		{"joined a day ago, banned", core.WelcomeCandidate{Member: joined, Banned: true}, false},
		{"joined 3 hours ago, silent", core.WelcomeCandidate{Member: fresh}, false},
		{"joined 3 hours ago, says he is new", core.WelcomeCandidate{Member: fresh, FirstText: intro}, true},
		{"joined 3 hours ago, asks a question", core.WelcomeCandidate{Member: fresh, FirstText: "Is there parking nearby?"}, false},
		{"first seen 3 hours ago, no join, says she is new", core.WelcomeCandidate{
			Member: core.Member{FirstSeen: ago(3 * time.Hour)}, FirstText: "Bonjour, je suis nouvelle ici !"}, true},
		{"says new, but joined a week ago", core.WelcomeCandidate{
			Member: core.Member{JoinedAt: ago(7 * 24 * time.Hour)}, FirstText: "I'm new here"}, false},
		{"says new, but spam", core.WelcomeCandidate{Member: fresh, FirstText: "I'm new here, buy followers", Spam: true}, false},
		{"says new, already welcomed", core.WelcomeCandidate{Member: fresh, FirstText: intro, LastWelcome: ago(time.Hour)}, false},
		{"says new, written to since", core.WelcomeCandidate{Member: core.Member{JoinedAt: ago(3 * time.Hour),
			LastContacted: ago(time.Hour)}, FirstText: intro}, false},
	}
	for _, c := range cases {
		if got := welcomeDue(c.c, now); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSaysNew(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		// English
		{"Hi all, I'm new here!", true},
		{"Hi all, I’m new here!", true},
		{"I am new to this community, where do I start?", true},
		{"First time posting, be gentle", true},
		{"Newbie question: how do I join a table?", true},
		{"Just joined, hello everyone", true},
		{"I'm not new here, I've played for years", false},
		{"The first time I launched it, it crashed", false},
		{"Is the new map out?", false},
		// French
		{"Bonjour, je suis nouveau dans le groupe", true},
		{"Salut ! Je suis nouvelle ici.", true},
		{"Je viens d'arriver à Lyon et je cherche des joueurs", true},
		{"Première fois ici, bonjour", true},
		{"Je ne suis pas nouveau, mais merci", false},
		{"La nouvelle carte est superbe", false},
		// Russian
		{"Привет всем, я новенький! Можно прийти?", true},
		{"Я новенькая, подскажите, как записаться", true},
		{"Всем привет, я тут новый", true},
		{"Впервые пишу в группу", true},
		{"Я не новичок, играю давно", false},
		{"Когда выйдет новая карта?", false},
		// Bulgarian
		{"Здравейте, тук съм нов!", true},
		{"Нова съм в групата, здравейте", true},
		{"За първи път пиша тук", true},
		{"Току-що се присъединих към групата", true},
		{"Не съм нов, играя от години", false},
		{"Кога излиза новата карта?", false},
		{"", false},
	}
	for _, c := range cases {
		if got := SaysNew(c.text); got != c.want {
			t.Errorf("SaysNew(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestCheckInDue(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	const ms = time.Millisecond
	quiet := now.Add(-CheckInQuiet)
	old := quiet.Add(-90 * 24 * time.Hour)
	cases := []struct {
		name      string
		m         core.Member
		checkedIn time.Time
		want      bool
	}{
		{"quiet since just before the month", core.Member{FirstSeen: old, LastSeen: quiet.Add(-ms)}, time.Time{}, true},
		{"wrote at the month's start", core.Member{FirstSeen: old, LastSeen: quiet}, time.Time{}, false},
		{"never wrote, known long", core.Member{FirstSeen: old}, time.Time{}, true},
		{"known only since the month's start", core.Member{FirstSeen: quiet}, time.Time{}, false},
		{"written to within the month", core.Member{FirstSeen: old, LastContacted: quiet}, time.Time{}, false},
		{"written to before it", core.Member{FirstSeen: old, LastContacted: quiet.Add(-ms)}, time.Time{}, true},
		{"checked in on within the month", core.Member{FirstSeen: old}, quiet, false},
		{"checked in on before it", core.Member{FirstSeen: old}, quiet.Add(-ms), true},
	}
	for _, c := range cases {
		if got := checkInDue(c.m, c.checkedIn, now); got != c.want {
			t.Errorf("%s: due %v, want %v", c.name, got, c.want)
		}
	}
}
