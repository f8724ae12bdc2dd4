package assets

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// languages Hearth ships, as ui/kit.Languages lists them (assets cannot
// import the ui).
var languages = []string{"en", "fr", "ru", "bg"}

// fyneFeature holds Fyne's own strings: Bulgarian, which Fyne lacks, and
// corrections of Fyne's French and Russian (weekday names).
const fyneFeature = "fyne"

var fileName = regexp.MustCompile(`^([a-z][a-z0-9]*)\.([a-z]{2})\.json$`)

// message is one key of a file: a text, or plural forms by CLDR category.
type message struct {
	text  string
	forms map[string]string
}

func (m message) plural() bool { return m.forms != nil }

// texts are the strings of the message: the text or every form.
func (m message) texts() map[string]string {
	if m.plural() {
		return m.forms
	}
	return map[string]string{"": m.text}
}

// catalogue is every file: feature -> language -> key -> message.
type catalogue map[string]map[string]map[string]message

func loadCatalogue(t *testing.T) catalogue {
	t.Helper()
	entries, err := Translations.ReadDir(TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	cat := catalogue{}
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil {
			t.Errorf("%s: a translation file is named <feature>.<lang>.json, lower case", e.Name())
			continue
		}
		feature, lang := m[1], m[2]
		if !slices.Contains(languages, lang) {
			t.Errorf("%s: %q is not one of Hearth's languages %v", e.Name(), lang, languages)
			continue
		}
		data, err := Translations.ReadFile(path.Join(TranslationsDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		// go-i18n is what reads the file at run time: a key it refuses
		// (a bare "Description" or "Other" is read as a message field)
		// would silently drop the whole file there.
		if _, err := i18n.ParseMessageFileBytes(data, e.Name(), nil); err != nil {
			t.Errorf("%s: go-i18n cannot read it: %v", e.Name(), err)
			continue
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		msgs := map[string]message{}
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				msgs[k] = message{text: v}
			case map[string]any:
				forms := map[string]string{}
				for f, s := range v {
					str, ok := s.(string)
					if !ok {
						t.Errorf("%s: %q form %q is not a string", e.Name(), k, f)
					}
					forms[f] = str
				}
				if len(forms) == 1 && forms["other"] != "" {
					// {"other": "..."} is a plain text written so that
					// go-i18n reads a key like "Description" as a key.
					msgs[k] = message{text: forms["other"]}
					continue
				}
				msgs[k] = message{forms: forms}
			default:
				t.Errorf("%s: %q is neither a text nor plural forms", e.Name(), k)
			}
		}
		if cat[feature] == nil {
			cat[feature] = map[string]map[string]message{}
		}
		cat[feature][lang] = msgs
	}
	return cat
}

// pluralForms are the CLDR plural categories go-i18n (through Fyne's
// lang.N) asks of lang, found by asking it: a message with every category
// localized for integers and decimals. Any category it can pick must be
// translated, or that count falls back to English.
func pluralForms(t *testing.T, lang string) []string {
	t.Helper()
	tag := language.MustParse(lang)
	b := i18n.NewBundle(language.English)
	if err := b.AddMessages(tag, &i18n.Message{ID: "p", Zero: "zero", One: "one", Two: "two",
		Few: "few", Many: "many", Other: "other"}); err != nil {
		t.Fatal(err)
	}
	loc := i18n.NewLocalizer(b, lang)
	var counts []any
	for n := 0; n <= 1100; n++ {
		counts = append(counts, n)
	}
	counts = append(counts, 1000000, 2000000, 1500000, "0.5", "1.5", "2.5", "5.5", "1.0", "21.3")
	seen := map[string]bool{}
	for _, c := range counts {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "p", PluralCount: c})
		if err != nil {
			t.Fatalf("%s %v: %v", lang, c, err)
		}
		seen[s] = true
	}
	var forms []string
	for f := range seen {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	return forms
}

// The plural rules the checks below rely on, spelled out once so that a
// change of go-i18n's CLDR data shows here first.
func TestPluralCategories(t *testing.T) {
	want := map[string][]string{
		"en": {"one", "other"},
		"fr": {"many", "one", "other"},
		"ru": {"few", "many", "one", "other"},
		"bg": {"one", "other"},
	}
	for _, l := range languages {
		if got := pluralForms(t, l); !slices.Equal(got, want[l]) {
			t.Errorf("%s plural categories %v, want %v", l, got, want[l])
		}
	}
}

var fieldRE = regexp.MustCompile(`\{\{[^}]*?\.([A-Za-z_][A-Za-z0-9_]*)[^}]*\}\}`)

// fields are the template fields a text uses, sorted, deduplicated.
func fields(s string) []string {
	var out []string
	for _, m := range fieldRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// Every key of a feature is in English, French, Russian and Bulgarian, as
// a text or with exactly the plural forms the language has, and says the
// same {{.Fields}} as the English key: a missing key shows English in the
// middle of a Russian window, a missing form falls back to English for
// that count, a misspelt field prints "<no value>".
func TestTranslationsComplete(t *testing.T) {
	cat := loadCatalogue(t)
	if len(cat) < 2 {
		t.Fatalf("only %d features of translations; the embed pattern or the directory is wrong", len(cat))
	}
	forms := map[string][]string{}
	for _, l := range languages {
		forms[l] = pluralForms(t, l)
	}
	for feature, byLang := range cat {
		if feature == fyneFeature {
			continue // TestFyneStringsInBulgarian
		}
		en, ok := byLang["en"]
		if !ok {
			t.Errorf("%s: no %s.en.json: English is the reference of every feature", feature, feature)
			continue
		}
		for _, l := range languages {
			msgs, ok := byLang[l]
			if !ok {
				t.Errorf("%s: no %s.%s.json", feature, feature, l)
				continue
			}
			file := feature + "." + l + ".json"
			for _, key := range sortedKeys(en) {
				ref := en[key]
				m, ok := msgs[key]
				if !ok {
					t.Errorf("%s: missing %q", file, key)
					continue
				}
				checkMessage(t, file, key, ref, m, forms[l])
			}
			for _, key := range sortedKeys(msgs) {
				if _, ok := en[key]; !ok {
					t.Errorf("%s: %q is not in %s.en.json (a stale key, or English missing)", file, key, feature)
				}
			}
		}
	}
}

func checkMessage(t *testing.T, file, key string, ref, m message, forms []string) {
	t.Helper()
	if ref.plural() != m.plural() {
		t.Errorf("%s: %q is plural in English and not here, or the other way round", file, key)
		return
	}
	if m.plural() {
		var got []string
		for f := range m.forms {
			got = append(got, f)
		}
		sort.Strings(got)
		if !slices.Equal(got, forms) {
			t.Errorf("%s: %q has plural forms %v, the language has %v", file, key, got, forms)
		}
	}
	if strings.HasSuffix(file, ".en.json") && !idKey(key) {
		// The key is the English text: lang.L falls back to it.
		want := m.text
		if m.plural() {
			want = m.forms["other"]
		}
		if want != key {
			t.Errorf("%s: %q reads %q in English; the key is the English text", file, key, want)
		}
	}
	wantFields := fields(key)
	if idKey(key) { // the English text says which fields it takes
		wantFields = fields(ref.text)
		if ref.plural() {
			wantFields = fields(ref.forms["other"])
		}
	}
	for form, s := range m.texts() {
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s: %q %s is empty", file, key, form)
		}
		if _, err := template.New(key).Parse(s); err != nil {
			t.Errorf("%s: %q %s: %v", file, key, form, err)
			continue
		}
		if got := fields(s); !slices.Equal(got, wantFields) {
			t.Errorf("%s: %q %s uses fields %v, the key %v", file, key, form, got, wantFields)
		}
	}
}

// A key in two features' files is one message at run time (Fyne merges
// the files of a language; the last file read wins), so it must read the
// same in both.
func TestSharedKeysAgree(t *testing.T) {
	cat := loadCatalogue(t)
	for _, l := range languages {
		seen := map[string]string{} // key: feature that had it first
		for _, feature := range sortedKeys(cat) {
			msgs := cat[feature][l]
			for _, key := range sortedKeys(msgs) {
				first, ok := seen[key]
				if !ok {
					seen[key] = feature
					continue
				}
				a, b := cat[first][l][key], msgs[key]
				if !maps.Equal(a.texts(), b.texts()) {
					t.Errorf("%s: %q reads %v in %s and %v in %s; Fyne keeps only one", l, key, a.texts(), first, b.texts(), feature)
				}
			}
		}
	}
}

// idKey reports a key that names a message rather than saying it
// ("state.open", for lang.X when the English text is taken by another
// meaning, like Fyne's verb "Open").
func idKey(key string) bool {
	return !strings.ContainsAny(key, " {") && strings.Contains(key, ".") && !strings.HasSuffix(key, ".")
}

// Fyne has no Bulgarian: its dialogs' own strings (Cancel, Save, the file
// picker, weekdays) are translated here, every one of them, and the French
// and Russian files only correct keys Fyne has.
func TestFyneStringsInBulgarian(t *testing.T) {
	base := fyneBaseKeys(t)
	cat := loadCatalogue(t)
	for _, l := range languages {
		msgs := cat[fyneFeature][l]
		for key := range msgs {
			if !slices.Contains(base, key) {
				t.Errorf("fyne.%s.json: %q is not one of Fyne's keys", l, key)
			}
		}
	}
	bg := cat[fyneFeature]["bg"]
	for _, key := range base {
		if _, ok := bg[key]; !ok {
			t.Errorf("fyne.bg.json: missing Fyne's %q", key)
		}
	}
}

// fyneBaseKeys reads the keys of Fyne's English strings from the Fyne
// module this build uses.
func fyneBaseKeys(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("locate the Fyne module: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	return sortedKeys(raw)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
