package settings_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/coretest"
	"github.com/hearthhq/hearth/core/settings"
)

func newService(t *testing.T) (*settings.Service, *coretest.Workspace) {
	t.Helper()
	ws := coretest.Open(t, func() time.Time { return time.Date(2025, 3, 12, 15, 0, 0, 0, time.UTC) })
	return settings.New(settings.Params{Store: ws.Store}), ws
}

// Each setting starts at its default, keeps what was saved through a
// reopening of the service, and refuses a value that is not a choice.
func TestSettingsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, ws := newService(t)
	if l, _ := s.Language(ctx); l != settings.LanguageSystem {
		t.Errorf("a new workspace's language is %q", l)
	}
	if th, _ := s.Theme(ctx); th != settings.ThemeSystem {
		t.Errorf("a new workspace's theme is %q", th)
	}
	if d, _ := s.ChannelDefaults(ctx); d != core.DefaultChannelDefaults() {
		t.Errorf("a new workspace's channel defaults are %+v", d)
	}
	mustNot := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	mustNot("language", s.SetLanguage(ctx, "bg"))
	mustNot("theme", s.SetTheme(ctx, settings.ThemeDark))
	mustNot("channels", s.SetChannelDefaults(ctx, core.ChannelDefaults{VIPFollowers: 500, MailBackfillDays: 30, VKBackfillDays: 7}))
	mustNot("greetings", s.SetGreetings(ctx, map[string]string{"fr": "Salut {first_name} !"}))

	again := settings.New(settings.Params{Store: ws.Store})
	if l, _ := again.Language(ctx); l != "bg" {
		t.Errorf("language after saving bg: %q", l)
	}
	if th, _ := again.Theme(ctx); th != settings.ThemeDark {
		t.Errorf("theme after saving dark: %q", th)
	}
	if d, _ := again.ChannelDefaults(ctx); d.VIPFollowers != 500 || d.VKBackfillDays != 7 {
		t.Errorf("channel defaults after saving: %+v", d)
	}
	if g, _ := again.Greeting(ctx, "fr"); g != "Salut {first_name} !" {
		t.Errorf("the French greeting: %q", g)
	}
	if g, _ := again.Greeting(ctx, "de"); g != settings.DefaultGreetings()["en"] {
		t.Errorf("a German newcomer is greeted with %q; want the English template", g)
	}

	for name, err := range map[string]error{
		"language de":   s.SetLanguage(ctx, "de"),
		"theme sepia":   s.SetTheme(ctx, "sepia"),
		"vip 0":         s.SetChannelDefaults(ctx, core.ChannelDefaults{VIPFollowers: 0, MailBackfillDays: 30, VKBackfillDays: 7}),
		"backfill 9999": s.SetChannelDefaults(ctx, core.ChannelDefaults{VIPFollowers: 5, MailBackfillDays: 9999, VKBackfillDays: 7}),
	} {
		if err == nil {
			t.Errorf("%s was saved", name)
		}
	}
	if l, _ := s.Language(ctx); l != "bg" {
		t.Errorf("a refused language replaced the saved one: %q", l)
	}
}

// A greeting with an unknown variable or no text is refused, naming its
// language, and nothing is saved.
func TestGreetingsRefused(t *testing.T) {
	ctx := context.Background()
	s, _ := newService(t)
	err := s.SetGreetings(ctx, map[string]string{"en": "Hello {first_name}", "ru": "Привет, {imya}!"})
	var ge *settings.GreetingError
	if !errors.As(err, &ge) || ge.Lang != "ru" {
		t.Fatalf("an unknown variable: %v; want a GreetingError for ru", err)
	}
	if g, _ := s.Greeting(ctx, "en"); g != settings.DefaultGreetings()["en"] {
		t.Errorf("the English greeting was saved along with a refused one: %q", g)
	}
	if err := s.SetGreetings(ctx, map[string]string{"bg": "  "}); !errors.As(err, &ge) || ge.Lang != "bg" {
		t.Errorf("an empty greeting: %v", err)
	}
}
