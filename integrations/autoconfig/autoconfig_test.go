package autoconfig

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func TestTableKnowsTheCommonProviders(t *testing.T) {
	for _, c := range []struct {
		address, provider, imap, smtp string
		smtpPort                      int
		smtpTLS                       core.TLSMode
		user                          string
	}{
		{"anna.petrova@gmail.com", "Gmail", "imap.gmail.com", "smtp.gmail.com", 465, core.TLSImplicit, "anna.petrova@gmail.com"},
		{"Claire@Hotmail.fr", "Outlook.com", "outlook.office365.com", "smtp-mail.outlook.com", 587, core.TLSStartTLS, "Claire@Hotmail.fr"},
		{"team@contoso.onmicrosoft.com", "Office 365", "outlook.office365.com", "smtp.office365.com", 587, core.TLSStartTLS, "team@contoso.onmicrosoft.com"},
		{"bob@yahoo.com", "Yahoo Mail", "imap.mail.yahoo.com", "smtp.mail.yahoo.com", 465, core.TLSImplicit, "bob@yahoo.com"},
		{"jane@icloud.com", "iCloud Mail", "imap.mail.me.com", "smtp.mail.me.com", 587, core.TLSStartTLS, "jane"},
		{"dmitri@yandex.ru", "Yandex Mail", "imap.yandex.ru", "smtp.yandex.ru", 465, core.TLSImplicit, "dmitri@yandex.ru"},
		{"olga@bk.ru", "Mail.ru", "imap.mail.ru", "smtp.mail.ru", 465, core.TLSImplicit, "olga@bk.ru"},
		{"hans@gmx.de", "GMX", "imap.gmx.com", "mail.gmx.com", 587, core.TLSStartTLS, "hans@gmx.de"},
		{"me@fastmail.com", "Fastmail", "imap.fastmail.com", "smtp.fastmail.com", 465, core.TLSImplicit, "me@fastmail.com"},
		{"ivan@abv.bg", "ABV.bg", "imap.abv.bg", "smtp.abv.bg", 465, core.TLSImplicit, "ivan@abv.bg"},
	} {
		g, ok := fromTable(c.address)
		if !ok {
			t.Errorf("%s: not in the table", c.address)
			continue
		}
		s := g.Settings
		if g.Provider != c.provider || s.Host != c.imap || s.Port != 993 || s.TLS != core.TLSImplicit ||
			s.SMTPHost != c.smtp || s.SMTPPort != c.smtpPort || s.SMTPTLS != c.smtpTLS || s.User != c.user || g.Source != core.SourceTable {
			t.Errorf("%s: got %s %+v", c.address, g.Provider, s)
		}
		if _, err := core.ParseIMAPSettings(mustJSON(t, s)); err != nil {
			t.Errorf("%s: the guess does not validate: %v", c.address, err)
		}
	}
	for _, bad := range []string{"", "gmail.com", "@gmail.com", "anna@", "anna@localhost", "anna@gmail.com/x", "anna@unknown.example"} {
		if _, ok := fromTable(bad); ok {
			t.Errorf("%q: guessed from the table", bad)
		}
	}
}

func TestParseRealShapes(t *testing.T) {
	for _, c := range []struct {
		file, address string
		want          core.IMAPSettings
		provider      string
	}{
		{"posteo.xml", "lena@posteo.example", core.IMAPSettings{Host: "imap.posteo.example", Port: 993, TLS: core.TLSImplicit, User: "lena@posteo.example",
			SMTPHost: "smtp.posteo.example", SMTPPort: 465, SMTPTLS: core.TLSImplicit}, "Posteo-like provider"},
		{"university.xml", "m.dupont@uni.example", core.IMAPSettings{Host: "imap.uni.example", Port: 143, TLS: core.TLSStartTLS, User: "m.dupont",
			From: "m.dupont@uni.example", SMTPHost: "smtp.uni.example", SMTPPort: 587, SMTPTLS: core.TLSStartTLS}, "University of Example"},
	} {
		data, err := os.ReadFile("testdata/" + c.file)
		if err != nil {
			t.Fatal(err)
		}
		g, err := Parse(data, c.address)
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if !settingsEqual(g.Settings, c.want) || g.Provider != c.provider {
			t.Errorf("%s: got %q %+v, want %+v", c.file, g.Provider, g.Settings, c.want)
		}
	}
	data, _ := os.ReadFile("testdata/oauth-only.xml")
	if g, err := Parse(data, "x@bigcorp.example"); !errors.Is(err, ErrUnknown) {
		t.Errorf("OAuth-only IMAP and a plain-text legacy server: guessed %+v, %v", g.Settings, err)
	}
	for _, bad := range []string{"", "<html><body>Not found</body></html>", "<clientConfig><emailProvider>", "{\"imap\": 1}"} {
		if g, err := Parse([]byte(bad), "a@b.example"); err == nil {
			t.Errorf("%q: parsed as %+v", bad, g.Settings)
		}
	}
}

// domains is an httptest peer standing in for the web servers of several
// mail domains, the host named in the first path element.
type domains struct {
	mu    sync.Mutex
	files map[string]string // host + path -> body
	asked []string
}

func (d *domains) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := strings.TrimPrefix(r.URL.Path, "/")
	d.asked = append(d.asked, key+"?"+r.URL.RawQuery)
	body, ok := d.files[key]
	switch {
	case !ok:
		http.NotFound(w, r)
	case strings.HasPrefix(body, "<html"):
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(body))
	default:
		w.Header().Set("Content-Type", "text/xml")
		w.Write([]byte(body))
	}
}

func TestGuessFetchesTheDomainsFile(t *testing.T) {
	posteo, _ := os.ReadFile("testdata/posteo.xml")
	uni, _ := os.ReadFile("testdata/university.xml")
	d := &domains{files: map[string]string{
		"autoconfig.posteo.example/mail/config-v1.1.xml":          string(posteo),
		"uni.example/.well-known/autoconfig/mail/config-v1.1.xml": string(uni),
		"autoconfig.parked.example/mail/config-v1.1.xml":          "<html><body>This domain is for sale</body></html>",
	}}
	srv := httptest.NewServer(d)
	defer srv.Close()
	g := Guesser{Client: srv.Client(), URL: func(host, path string) string { return srv.URL + "/" + host + path }}
	ctx := context.Background()

	got, err := g.GuessMail(ctx, "lena@posteo.example")
	if err != nil || got.Settings.Host != "imap.posteo.example" || !strings.Contains(got.Source, "autoconfig.posteo.example") {
		t.Errorf("autoconfig host: %+v, %v", got, err)
	}
	got, err = g.GuessMail(ctx, "m.dupont@uni.example")
	if err != nil || got.Settings.Host != "imap.uni.example" || !strings.Contains(got.Source, ".well-known") {
		t.Errorf("well-known file: %+v, %v", got, err)
	}
	if got, err := g.GuessMail(ctx, "a@parked.example"); !errors.Is(err, ErrUnknown) {
		t.Errorf("an HTML page: %+v, %v", got, err)
	}
	if got, err := g.GuessMail(ctx, "a@nothing.example"); !errors.Is(err, ErrUnknown) {
		t.Errorf("no file anywhere: %+v, %v", got, err)
	}
	d.mu.Lock()
	asked := strings.Join(d.asked, "\n")
	d.mu.Unlock()
	if !strings.Contains(asked, "emailaddress=lena%40posteo.example") {
		t.Errorf("the address was not given to the domain's server:\n%s", asked)
	}
	before := len(d.asked)
	if got, err := g.GuessMail(ctx, "anna@gmail.com"); err != nil || got.Source != core.SourceTable {
		t.Errorf("a table provider: %+v, %v", got, err)
	}
	if len(d.asked) != before {
		t.Errorf("a table provider went to the network")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := g.GuessMail(cancelled, "lena@posteo.example"); err == nil {
		t.Errorf("a cancelled guess found settings")
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"posteo.xml", "university.xml", "oauth-only.xml"} {
		data, _ := os.ReadFile("testdata/" + name)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(data, "a.b@c.example")
		if err != nil {
			return
		}
		s := g.Settings
		if s.Host == "" || s.Port <= 0 || s.Port > 65535 || (s.TLS != core.TLSImplicit && s.TLS != core.TLSStartTLS) {
			t.Fatalf("parsed unusable settings %+v", s)
		}
	})
}
