package members

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Field is what a CSV column holds.
type Field string

// The fields a CSV column can map to; FieldIgnore drops the column.
const (
	FieldIgnore    Field = ""
	FieldName      Field = "name"
	FieldFirstName Field = "first_name"
	FieldLastName  Field = "last_name"
	FieldEmail     Field = "email"
	FieldVK        Field = "vk"
	FieldX         Field = "x"
	FieldLocation  Field = "location"
	FieldLanguage  Field = "language"
	FieldBio       Field = "bio"
	FieldPhoto     Field = "photo"
	FieldTags      Field = "tags"
	FieldNote      Field = "note"
	FieldInterests Field = "interests"
)

// fieldNames are the header words (lower case) each field is known by, in
// English, Russian and French.
var fieldNames = map[Field][]string{
	FieldName:      {"name", "full name", "display name", "имя", "фио", "nom", "nom complet"},
	FieldFirstName: {"first name", "given name", "firstname", "prénom", "prenom"},
	FieldLastName:  {"last name", "family name", "surname", "lastname", "фамилия", "nom de famille"},
	FieldEmail:     {"email", "e-mail", "mail", "e-mail address", "email address", "почта", "эл. почта", "courriel", "adresse e-mail"},
	FieldVK:        {"vk", "vkontakte", "вк", "вконтакте"},
	FieldX:         {"x", "twitter", "x handle", "твиттер"},
	FieldLocation:  {"city", "location", "town", "город", "ville", "localisation"},
	FieldLanguage:  {"language", "lang", "язык", "langue"},
	FieldBio:       {"bio", "about", "о себе", "description"},
	FieldPhoto:     {"photo", "avatar", "photo url", "фото"},
	FieldTags:      {"tags", "tag", "labels", "теги", "метки", "étiquettes", "etiquettes"},
	FieldNote:      {"note", "notes", "comment", "заметка", "заметки", "remarque"},
	FieldInterests: {"interests", "интересы", "intérêts", "interets"},
}

// Table is a CSV file read for import: its rows, what was detected, and the
// column mapping the caller may change before ImportTable.
type Table struct {
	Header    []string // empty when the file has none
	Rows      [][]string
	Encoding  string // "utf-8" or "windows-1251"
	Delimiter rune
	Mapping   []Field // one per column
}

// ReadCSV reads a CSV file (see ReadImportData for the size limit, the
// binary sniff and UTF-16): a UTF-8 byte-order mark is dropped, text that
// is not UTF-8 is read as windows-1251, the delimiter (comma, semicolon or
// tab) is the one the first line uses most, quotes may span lines, and a
// first row of known column names is taken as the header.
func ReadCSV(r io.Reader) (*Table, error) {
	data, err := ReadImportData(r)
	if err != nil {
		return nil, fmt.Errorf("members: read csv: %w", err)
	}
	t := &Table{Encoding: "utf-8"}
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1251.NewDecoder().Bytes(data); err != nil {
			return nil, fmt.Errorf("members: read csv: %w", err)
		}
		// The one byte windows-1251 leaves undefined: the text is in
		// neither charset, and reading it on would make up names.
		if bytes.ContainsRune(data, utf8.RuneError) {
			return nil, fmt.Errorf("members: read csv: %w: neither UTF-8 nor windows-1251 text", ErrNotText)
		}
		t.Encoding = "windows-1251"
	}
	t.Delimiter = sniffDelimiter(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = t.Delimiter, -1, true
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("members: read csv: %w", err)
		}
		if t.Rows == nil && t.Header == nil && isHeader(row) {
			t.Header = row
			continue
		}
		t.Rows = append(t.Rows, row)
	}
	t.Mapping = guessMapping(t)
	return t, nil
}

func sniffDelimiter(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', 0
	for _, d := range []rune{',', ';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func fieldOf(header string) Field {
	h := strings.ToLower(strings.TrimSpace(header))
	for f, names := range fieldNames {
		for _, n := range names {
			if h == n {
				return f
			}
		}
	}
	return FieldIgnore
}

func isHeader(row []string) bool {
	for _, c := range row {
		if fieldOf(c) != FieldIgnore {
			return true
		}
	}
	return false
}

// guessMapping maps columns by their header, or without one by content:
// a column of e-mail addresses is e-mail, of VK or X profile links VK or
// X, and then the first other column the name. A file with none of these
// maps nothing, and ImportTable refuses it: a name alone could be any word
// of any text file.
func guessMapping(t *Table) []Field {
	width := len(t.Header)
	for _, r := range t.Rows {
		width = max(width, len(r))
	}
	m := make([]Field, width)
	if t.Header != nil {
		for i, h := range t.Header {
			m[i] = fieldOf(h)
		}
		return m
	}
	found := false
	for i := range m {
		for _, f := range []Field{FieldEmail, FieldVK, FieldX} {
			if columnLooksLike(t.Rows, i, contentOf[f]) {
				m[i], found = f, true
				break
			}
		}
	}
	if !found {
		return m
	}
	for i := range m {
		if m[i] == FieldIgnore {
			m[i] = FieldName
			break
		}
	}
	return m
}

// contentOf tells the values of a headerless column apart.
var contentOf = map[Field]func(string) bool{
	FieldEmail: func(s string) bool {
		return strings.Contains(s, "@") && strings.Contains(s, ".") && !strings.ContainsAny(s, " /")
	},
	FieldVK: func(s string) bool { return vkLink().MatchString(strings.TrimSpace(s)) },
	FieldX:  func(s string) bool { return xLink().MatchString(strings.TrimSpace(s)) },
}

var (
	vkLink = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(https?://)?(www\.|m\.)?(vk\.com|vkontakte\.ru)/[^\s/]+/?$`)
	})
	xLink = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(https?://)?(www\.|mobile\.)?(x\.com|twitter\.com)/[^\s/]+/?$`)
	})
)

// identifies reports whether a mapping has a column that names a person.
func identifies(m []Field) bool {
	for _, f := range m {
		switch f {
		case FieldName, FieldFirstName, FieldLastName, FieldEmail, FieldVK, FieldX:
			return true
		}
	}
	return false
}

// columnLooksLike reports whether nine in ten of a column's values pass
// ok: a stray value (a note, a line cut short) does not hide a column of
// addresses, and a column of words is never taken for one.
func columnLooksLike(rows [][]string, col int, ok func(string) bool) bool {
	seen, good := 0, 0
	for _, r := range rows {
		if col >= len(r) || strings.TrimSpace(r[col]) == "" {
			continue
		}
		seen++
		if ok(r[col]) {
			good++
		}
	}
	return seen > 0 && good*10 >= seen*9
}

// ImportTable files the table's rows as members by its Mapping. A
// mapping with no column that names a person is refused (ErrNoColumns).
func (s *Service) ImportTable(ctx context.Context, t *Table) (ImportResult, error) {
	list, err := t.contacts()
	if err != nil {
		return ImportResult{}, err
	}
	return s.importContacts(ctx, list, false)
}

// PreviewTable counts what ImportTable would do, writing nothing.
func (s *Service) PreviewTable(ctx context.Context, t *Table) (ImportResult, error) {
	list, err := t.contacts()
	if err != nil {
		return ImportResult{}, err
	}
	return s.importContacts(ctx, list, true)
}

func (t *Table) contacts() ([]Contact, error) {
	if !identifies(t.Mapping) {
		return nil, fmt.Errorf("members: import: %w: give the file a header row (name, e-mail, vk, x...) "+
			"or a column of e-mail addresses", ErrNoColumns)
	}
	list := make([]Contact, 0, len(t.Rows))
	for _, row := range t.Rows {
		list = append(list, rowContact(row, t.Mapping))
	}
	return list, nil
}

// rowContact reads one row; list fields (e-mails, tags, interests) may hold
// several values separated by commas or semicolons.
func rowContact(row []string, mapping []Field) Contact {
	var c Contact
	var first, last string
	for i, v := range row {
		if i >= len(mapping) {
			break
		}
		v = strings.TrimSpace(v)
		switch mapping[i] {
		case FieldName:
			c.Name = v
		case FieldFirstName:
			first = v
		case FieldLastName:
			last = v
		case FieldEmail:
			c.Emails = append(c.Emails, splitValues(v)...)
		case FieldVK:
			c.VK = append(c.VK, splitValues(v)...)
		case FieldX:
			c.X = append(c.X, splitValues(v)...)
		case FieldLocation:
			c.Location = v
		case FieldLanguage:
			c.Language = v
		case FieldBio:
			c.Bio = v
		case FieldPhoto:
			c.PhotoURL = v
		case FieldTags:
			c.Tags = append(c.Tags, splitValues(v)...)
		case FieldNote:
			c.Notes = append(c.Notes, v)
		case FieldInterests:
			c.Interests = append(c.Interests, splitValues(v)...)
		}
	}
	if c.Name == "" {
		c.Name = strings.TrimSpace(first + " " + last)
	}
	return c
}

func splitValues(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
