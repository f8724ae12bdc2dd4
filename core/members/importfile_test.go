package members_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// zeros is /dev/zero: endless NUL bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// endless is an endless text file: one name a line, forever.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "anna@example.org\n"[i%17]
	}
	return len(p), nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(1)).Read(b)
	return b
}

// Files that are not an address book end with an error that says why,
// quickly, whatever their size.
func TestReadImportDataRefusesWrongFiles(t *testing.T) {
	cases := []struct {
		name    string
		r       io.Reader
		want    error
		wantMsg string
	}{
		{"/dev/zero", zeros{}, members.ErrNotText, "byte 0x00 at offset 0"},
		{"random bytes", bytes.NewReader(randomBytes(200 << 10)), members.ErrNotText, "binary data"},
		{"a NUL after text", strings.NewReader("name,email\nAnna,anna@example.org\n\x00"), members.ErrNotText, "offset 33"},
		{"endless text", endless{}, members.ErrTooLarge, "64 MB"},
		{"UTF-16 without a byte-order mark", strings.NewReader("n\x00a\x00m\x00e\x00"), members.ErrNotText, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cr := &countingReader{r: c.r}
			_, err := members.ReadImportData(cr)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.wantMsg) {
				t.Fatalf("err = %v, want %v saying %q", err, c.want, c.wantMsg)
			}
			// It stops reading at the limit, whatever the size: a bound on
			// what it read, not on how long that took.
			if cr.n > 65<<20 {
				t.Errorf("read %d bytes to refuse", cr.n)
			}
			// The parsers say the same.
			if c.want == members.ErrNotText {
				if _, err := members.ReadCSV(io.LimitReader(c.r, 1<<20)); err != nil && !errors.Is(err, members.ErrNotText) {
					t.Errorf("ReadCSV: %v", err)
				}
			}
		})
	}
}

func TestReadCSVCharsets(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Имя\tПочта\nАнна\tanna@example.ru\n"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := members.ReadCSV(bytes.NewReader(utf16))
	if err != nil {
		t.Fatalf("UTF-16 with a byte-order mark: %v", err)
	}
	if len(tab.Rows) != 1 || tab.Rows[0][0] != "Анна" || tab.Rows[0][1] != "anna@example.ru" {
		t.Errorf("UTF-16 rows = %q", tab.Rows)
	}
	// 0x98 is the one byte windows-1251 leaves undefined: neither charset.
	if _, err := members.ReadCSV(strings.NewReader("name,email\n\xc0\x98\xff,a@b.c\n")); !errors.Is(err, members.ErrNotText) {
		t.Errorf("neither UTF-8 nor windows-1251: err = %v, want ErrNotText", err)
	}
}

// A CSV without a column that names a person imports no one.
func TestImportTableNeedsAColumnThatNamesAPerson(t *testing.T) {
	cases := []struct {
		name, data string
		want       error
		wantNames  []string
	}{
		{"unknown header", "foo,bar\n1,2\n", members.ErrNoColumns, nil},
		{"known but not a person", "city,tags\nLyon,artists\n", members.ErrNoColumns, nil},
		{"names only, no header", "Anna\nBoris\n", members.ErrNoColumns, nil},
		{"prose", "Dear all,\nthe meetup moves to Sunday.\n", members.ErrNoColumns, nil},
		{"empty file", "", members.ErrNoColumns, nil},
		{"no header, a column of VK links", "Anna;https://vk.com/anna_p\nBoris;vk.com/id42\n", nil, []string{"Anna", "Boris"}},
		{"no header, a column of addresses", "Léa,lea@example.fr\n", nil, []string{"Léa"}},
		{"no header, one stray value", strings.Repeat("Léa,lea@example.fr\n", 9) + "Pierre,n/a\n", nil, []string{"Léa", "Pierre"}},
		{"no header, half addresses", "Léa,lea@example.fr\nPierre,Paris\n", members.ErrNoColumns, nil},
		{"a header with one known column", "Handle,E-mail\nlea_m,lea@example.fr\n", nil, []string{""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			ctx := context.Background()
			tab, err := members.ReadCSV(strings.NewReader(c.data))
			if err != nil {
				t.Fatal(err)
			}
			res, err := f.svc.ImportTable(ctx, tab)
			if !errors.Is(err, c.want) {
				t.Fatalf("import: %+v, %v; want %v", res, err, c.want)
			}
			page, _ := f.svc.List(ctx, core.MemberFilter{Limit: 100, Sort: core.SortName})
			var names []string
			for _, m := range page.Members {
				names = append(names, m.Name)
			}
			if len(names) != len(c.wantNames) || (len(names) > 0 && strings.Join(names, "|") != strings.Join(c.wantNames, "|")) {
				t.Errorf("members after import: %q, want %q", names, c.wantNames)
			}
		})
	}
}

// A preview counts what the import then does, and writes nothing.
func TestPreviewCountsWhatImportDoes(t *testing.T) {
	data := "Name,E-mail,VK,Tags\n" +
		"Anna,anna@example.org,,artists\n" + // new
		"Anna P.,ANNA@example.org,id77,\n" + // the same person again, by her address
		",,,\n" + // empty
		",,,volunteers\n" + // nobody to file it under
		"Boris,boris@example.org,,\n" + // already a member (below)
		"Chloé,,vk.com/chloe,\n" // new
	f := newFixture(t)
	ctx := context.Background()
	f.write(core.ItemEmail, core.Person{Name: "Boris", Address: "boris@example.org"}, day0, "hello")
	f.refresh()
	before, _ := f.svc.List(ctx, core.MemberFilter{Limit: 100})

	tab, err := members.ReadCSV(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := f.svc.PreviewTable(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := f.svc.List(ctx, core.MemberFilter{Limit: 100}); after.Total != before.Total {
		t.Fatalf("the preview wrote: %d members, was %d", after.Total, before.Total)
	}
	want := members.ImportResult{Created: 2, Updated: 2, Skipped: 2,
		SkipReasons: map[string]int{members.SkipEmpty: 1, members.SkipNoIdent: 1}}
	if !sameCounts(preview, want) {
		t.Errorf("preview = %+v, want %+v", preview, want)
	}
	done, err := f.svc.ImportTable(ctx, tab)
	if err != nil {
		t.Fatal(err)
	}
	if !sameCounts(done, preview) {
		t.Errorf("import = %+v, preview said %+v", done, preview)
	}
	if after, _ := f.svc.List(ctx, core.MemberFilter{Limit: 100}); after.Total != before.Total+2 {
		t.Errorf("%d members after the import, want %d", after.Total, before.Total+2)
	}
}

func TestPreviewVCard(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cards := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@example.org\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna again\r\nEMAIL:anna@example.org\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
	preview, err := f.svc.PreviewVCard(ctx, strings.NewReader(cards))
	if err != nil {
		t.Fatal(err)
	}
	done, err := f.svc.ImportVCard(ctx, strings.NewReader(cards))
	if err != nil {
		t.Fatal(err)
	}
	if !sameCounts(preview, done) || done.Created != 1 || done.Updated != 1 || done.Skipped != 1 {
		t.Errorf("preview %+v, import %+v; want 1 new, 1 updated, 1 skipped", preview, done)
	}
	for _, bad := range []string{"", "foo,bar\n", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"} {
		if _, err := members.ReadVCards(strings.NewReader(bad)); !errors.Is(err, members.ErrNoCards) {
			t.Errorf("%q: err = %v, want ErrNoCards", bad, err)
		}
	}
}

func sameCounts(a, b members.ImportResult) bool {
	if a.Created != b.Created || a.Updated != b.Updated || a.Skipped != b.Skipped || len(a.SkipReasons) != len(b.SkipReasons) {
		return false
	}
	for k, v := range a.SkipReasons {
		if b.SkipReasons[k] != v {
			return false
		}
	}
	return true
}

// countingReader counts what is read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
