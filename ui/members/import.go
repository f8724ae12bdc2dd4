package members

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// importFields are the choices of a CSV column, in the order a menu shows.
var importFields = []struct {
	label string
	field members.Field
}{
	{"Ignore", members.FieldIgnore}, {"Name", members.FieldName}, {"First name", members.FieldFirstName},
	{"Last name", members.FieldLastName}, {"E-mail", members.FieldEmail}, {"VK", members.FieldVK},
	{"X", members.FieldX}, {"City", members.FieldLocation}, {"Language", members.FieldLanguage},
	{"Bio", members.FieldBio}, {"Photo URL", members.FieldPhoto}, {"Tags", members.FieldTags},
	{"Note", members.FieldNote}, {"Interests", members.FieldInterests},
}

// memberImport is the Import tab: choose a file, check how its columns are
// read (CSV), import; the result says what happened.
type memberImport struct {
	s        *Screen
	imp      Members
	path     *kit.Entry
	mapping  *fyne.Container
	selects  []*kit.Select
	table    *members.Table
	run      *widget.Button
	result   *widget.Label
	content  fyne.CanvasObject
	vcardRaw []byte // a vCard file read and waiting for Import
}

func newMemberImport(s *Screen, imp Members) *memberImport {
	m := &memberImport{s: s, imp: imp, path: kit.NewEntry(), mapping: container.NewVBox(), result: widget.NewLabel("")}
	m.path.SetPlaceHolder(lang.L("A .csv or .vcf file"))
	m.path.OnSubmitted = func(string) { m.read() }
	m.result.Wrapping = fyne.TextWrapWord
	m.run = widget.NewButtonWithIcon(lang.L("Import"), theme.DownloadIcon(), m.importNow)
	m.run.Importance = widget.HighImportance
	m.run.Disable()
	choose := widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), m.choose)
	read := widget.NewButton(lang.L("Read"), m.read)
	intro := kit.NewMutedWrapped(lang.L("Contacts from a CSV file (any delimiter, UTF-8 or windows-1251) or vCards from a phone or mail client. Nobody is merged silently: an address that already belongs to someone is reported."), fyne.TextAlignLeading)
	top := container.NewVBox(intro, container.NewBorder(nil, nil, nil, container.NewHBox(choose, read), m.path))
	m.content = container.NewBorder(top, container.NewVBox(m.result, container.NewHBox(m.run)), nil, nil,
		container.NewVScroll(m.mapping))
	return m
}

// choose opens the system's file chooser.
func (m *memberImport) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		m.path.SetText(r.URI().Path())
		m.read()
	}, m.s.u.Win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".vcf", ".txt"}))
	d.Show()
}

// read loads the file off the UI goroutine: a CSV shows its columns to
// map, a vCard file how many contacts it holds.
func (m *memberImport) read() {
	path := strings.TrimSpace(m.path.Text)
	if path == "" {
		m.say(lang.L("Choose a file first."), widget.WarningImportance)
		return
	}
	m.run.Disable()
	vcard := strings.EqualFold(filepath.Ext(path), ".vcf")
	type loaded struct {
		table *members.Table
		raw   []byte
		count int
	}
	kit.Background(m.s.u.Env, "read contacts", func(context.Context) (loaded, error) {
		f, err := os.Open(path)
		if err != nil {
			return loaded{}, err
		}
		// Bounded and sniffed: a wrong file ends with a reason, not with
		// the machine's memory.
		data, err := members.ReadImportData(f)
		f.Close()
		if err != nil {
			return loaded{}, err
		}
		if vcard {
			cs, err := members.ReadVCards(bytes.NewReader(data))
			return loaded{raw: data, count: len(cs)}, err
		}
		t, err := members.ReadCSV(bytes.NewReader(data))
		return loaded{table: t}, err
	}, func(l loaded, err error) {
		m.mapping.RemoveAll()
		m.table, m.vcardRaw, m.selects = l.table, l.raw, nil
		if err != nil {
			m.say(lang.L("Could not read {{.File}}: {{.Error}}", map[string]any{"File": filepath.Base(path), "Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		if l.table != nil {
			m.showMapping(l.table)
			m.say(lang.N("{{.Count}} rows. Check what each column holds, then Import.", len(l.table.Rows), map[string]any{"Count": len(l.table.Rows)}), widget.MediumImportance)
		} else {
			m.say(lang.N("{{.Count}} contacts in {{.File}}.", l.count, map[string]any{"Count": l.count, "File": filepath.Base(path)}), widget.MediumImportance)
		}
		m.run.Enable()
	})
}

// showMapping lists the columns: header, what it is read as, samples.
func (m *memberImport) showMapping(t *members.Table) {
	labels := make([]string, len(importFields))
	for i, f := range importFields {
		labels[i] = lang.L(f.label)
	}
	for col := range t.Mapping {
		name := lang.L("Column {{.N}}", map[string]any{"N": col + 1})
		if col < len(t.Header) && strings.TrimSpace(t.Header[col]) != "" {
			name = t.Header[col]
		}
		sel := kit.NewSelect(labels, nil)
		for _, f := range importFields {
			if f.field == t.Mapping[col] {
				sel.SetSelected(lang.L(f.label))
			}
		}
		m.selects = append(m.selects, sel)
		var samples []string
		for _, row := range t.Rows[:min(3, len(t.Rows))] {
			if col < len(row) && row[col] != "" {
				samples = append(samples, row[col])
			}
		}
		head := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Truncation = fyne.TextTruncateEllipsis
		sample := kit.NewMutedTrunc(strings.Join(samples, " · "))
		m.mapping.Add(container.NewGridWithColumns(3, head, sel, sample))
	}
	m.mapping.Refresh()
}

// importNow imports with the mapping as shown.
func (m *memberImport) importNow() {
	t, raw := m.table, m.vcardRaw
	if t != nil {
		for col, sel := range m.selects {
			t.Mapping[col] = fieldOfLabel(sel.Selected)
		}
	}
	m.run.Disable()
	kit.Background(m.s.u.Env, "import contacts", func(ctx context.Context) (members.ImportResult, error) {
		if t != nil {
			return m.imp.ImportTable(ctx, t)
		}
		return m.imp.ImportVCard(ctx, bytes.NewReader(raw))
	}, func(res members.ImportResult, err error) {
		m.run.Enable()
		if err != nil {
			m.say(lang.L("The import failed: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		m.say(importSummary(res), widget.SuccessImportance)
		m.s.reload.Request()
	})
}

func fieldOfLabel(label string) members.Field {
	for _, f := range importFields {
		if lang.L(f.label) == label {
			return f.field
		}
	}
	return members.FieldIgnore
}

// importSummary says what an import did in one sentence or two.
func importSummary(r members.ImportResult) string {
	s := lang.L("Imported: {{.Created}} new member files, {{.Updated}} updated, {{.Skipped}} rows skipped (nothing to identify a person by).",
		map[string]any{"Created": r.Created, "Updated": r.Updated, "Skipped": r.Skipped})
	if n := len(r.Conflicts); n > 0 {
		s += " " + lang.N("{{.Count}} addresses already belong to someone else and were left there: {{.Addresses}}.", n,
			map[string]any{"Count": n, "Addresses": strings.Join(r.Conflicts[:min(n, 5)], ", ")})
	}
	return s
}

func (m *memberImport) say(text string, imp widget.Importance) {
	m.result.Importance = imp
	m.result.SetText(text)
}
