package members_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

// Real client exports (testdata/vcard, from the ez-vcard project, with its
// LICENSE): each reads without error, and these people come out of them.
func TestReadVCardsOfRealClients(t *testing.T) {
	cases := []struct {
		file   string
		count  int
		name   string
		emails []string
	}{
		{"John_Doe_IPHONE.vcf", 1, "Mr. John Richter James Doe Sr.", []string{"john.doe@ibm.com"}},
		{"John_Doe_ANDROID.vcf", 0, "", nil},
		{"John_Doe_MS_OUTLOOK.vcf", 1, "", nil},
		{"John_Doe_GMAIL.vcf", 1, "", nil},
		{"gmail-single.vcf", 1, "Greg Dartmouth", []string{"gdartmouth@hotmail.com"}},
		{"outlook-2007.vcf", 1, "", nil},
		{"rfc6350-example.vcf", 1, "", nil},
	}
	files, _ := filepath.Glob("testdata/vcard/*.vcf")
	if len(files) < 10 {
		t.Fatalf("only %d fixtures", len(files))
	}
	got := map[string][]members.Contact{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		list, err := members.ReadVCards(strings.NewReader(string(data)))
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
		if len(list) == 0 {
			t.Errorf("%s: no contacts", filepath.Base(f))
		}
		for _, c := range list {
			if c.Name == "" && len(c.Emails) == 0 {
				t.Errorf("%s: a contact with neither name nor e-mail: %+v", filepath.Base(f), c)
			}
		}
		got[filepath.Base(f)] = list
	}
	for _, c := range cases {
		list := got[c.file]
		if c.count > 0 && len(list) != c.count {
			t.Errorf("%s: %d contacts, want %d", c.file, len(list), c.count)
			continue
		}
		if c.name != "" && list[0].Name != c.name {
			t.Errorf("%s: name %q, want %q", c.file, list[0].Name, c.name)
		}
		if c.emails != nil && !slices.Equal(list[0].Emails, c.emails) {
			t.Errorf("%s: e-mails %v, want %v", c.file, list[0].Emails, c.emails)
		}
	}
	// Android writes UTF-8 names as quoted-printable across soft line breaks.
	var android []string
	for _, c := range got["John_Doe_ANDROID.vcf"] {
		android = append(android, c.Name)
	}
	if !slices.Contains(android, "Ñ Ñ Ñ Ñ Ñ") {
		t.Errorf("Android names = %q, want the decoded Ñ Ñ Ñ Ñ Ñ", android)
	}
}

func TestImportVCardFilesMembers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	data, err := os.ReadFile("testdata/vcard/gmail-list.vcf")
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.svc.ImportVCard(ctx, strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := f.svc.List(ctx, core.MemberFilter{Limit: 1000})
	if res.Created == 0 || page.Total != res.Created {
		t.Errorf("import %+v, %d members", res, page.Total)
	}
	// A second import of the same file adds no one.
	again, err := f.svc.ImportVCard(ctx, strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	page2, _ := f.svc.List(ctx, core.MemberFilter{Limit: 1000})
	if again.Updated == 0 || page2.Total != page.Total+again.Created {
		t.Errorf("re-import: %+v, %d members, was %d", again, page2.Total, page.Total)
	}
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name, data string
		encode     func(string) []byte
		wantEnc    string
		wantDelim  rune
		wantNames  []string
		wantEmails []string
	}{
		{
			name: "semicolons, quotes and a BOM",
			data: "\ufeffName;E-mail;City;Tags\n" +
				"\"Petrova; Anna\";anna@example.org;Lyon;\"artists, volunteers\"\n" +
				"\"Boris \"\"Bob\"\" Ivanov\";boris@example.org;Paris;\n",
			wantEnc: "utf-8", wantDelim: ';',
			wantNames:  []string{"Petrova; Anna", `Boris "Bob" Ivanov`},
			wantEmails: []string{"anna@example.org", "boris@example.org"},
		},
		{
			name: "windows-1251 with commas",
			data: "Имя,Почта,Город\nАнна Петрова,anna@example.ru,Москва\nЁжик,ezhik@example.ru,Тверь\n",
			encode: func(s string) []byte {
				b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
				if err != nil {
					panic(err)
				}
				return b
			},
			wantEnc: "windows-1251", wantDelim: ',',
			wantNames:  []string{"Анна Петрова", "Ёжик"},
			wantEmails: []string{"anna@example.ru", "ezhik@example.ru"},
		},
		{
			name:    "no header, tabs",
			data:    "Léa Martin\tlea@example.fr\nPierre\tpierre@example.fr\n",
			wantEnc: "utf-8", wantDelim: '\t',
			wantNames:  []string{"Léa Martin", "Pierre"},
			wantEmails: []string{"lea@example.fr", "pierre@example.fr"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw := []byte(c.data)
			if c.encode != nil {
				raw = c.encode(c.data)
			}
			tab, err := members.ReadCSV(strings.NewReader(string(raw)))
			if err != nil {
				t.Fatal(err)
			}
			if tab.Encoding != c.wantEnc || tab.Delimiter != c.wantDelim {
				t.Errorf("encoding %s delimiter %q, want %s %q", tab.Encoding, tab.Delimiter, c.wantEnc, c.wantDelim)
			}
			f := newFixture(t)
			ctx := context.Background()
			if _, err := f.svc.ImportTable(ctx, tab); err != nil {
				t.Fatal(err)
			}
			for i, email := range c.wantEmails {
				d, err := f.svc.Dossier(ctx, f.memberOf(core.IdentityEmail, email))
				if err != nil {
					t.Fatal(err)
				}
				if d.Member.Name != c.wantNames[i] {
					t.Errorf("%s: name %q, want %q", email, d.Member.Name, c.wantNames[i])
				}
			}
		})
	}
}

func TestCSVMappingCanBeChanged(t *testing.T) {
	tab, err := members.ReadCSV(strings.NewReader("Name,Handle,Notes\nAnna,anna_p,met at the Lyon meetup\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []members.Field{members.FieldName, members.FieldIgnore, members.FieldNote}; !slices.Equal(tab.Mapping, want) {
		t.Fatalf("guessed mapping %v, want %v", tab.Mapping, want)
	}
	tab.Mapping[1] = members.FieldX // the person says the handle is on X
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.svc.ImportTable(ctx, tab); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Dossier(ctx, f.memberOf(core.IdentityX, "@anna_p"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Member.Name != "Anna" || len(d.Notes) != 1 || d.Notes[0].Text != "met at the Lyon meetup" {
		t.Errorf("dossier = %+v, notes %+v", d.Member, d.Notes)
	}
	// When the real X account writes, its handle suggests the merge.
	f.batch(f.x, core.Batch{Identities: []core.Identity{{Kind: core.IdentityX, Address: "555", Handle: "Anna_P"}}})
	sugs, err := f.svc.Suggestions(ctx, 0)
	if err != nil || len(sugs) != 1 || sugs[0].Reasons[0] != core.ReasonSameHandle {
		t.Errorf("suggestions = %+v, %v", sugs, err)
	}
}
