package kit

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core"
)

// sayCall is a template core or an integration gives core.Say or SayN.
type sayCall struct {
	pos    string
	key    string
	plural bool
	one    string
}

// sayCalls finds every core.Say / core.SayN (Say / SayN inside package
// core) in the non-test sources of core/... and integrations/..., with its
// literal template; a template that is not a literal fails (the window
// could not know its key).
func sayCalls(t *testing.T) []sayCall {
	t.Helper()
	root := moduleRoot(t)
	var out []sayCall
	coreSources(t, func(fset *token.FileSet, f *ast.File) {
		inCore := f.Name.Name == "core"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "core" {
					name = fn.Sel.Name
				}
			case *ast.Ident:
				if inCore {
					name = fn.Name
				}
			}
			if name != "Say" && name != "SayN" {
				return true
			}
			pos := fset.Position(call.Pos()).String()
			rel, _ := filepath.Rel(root, pos)
			if rel != "" {
				pos = rel
			}
			if name == "SayN" {
				one, ok1 := constString(call.Args[0])
				other, ok2 := constString(call.Args[1])
				if !ok1 || !ok2 {
					t.Errorf("%s: core.SayN's templates must be literals: the window translates them by their English", pos)
					return true
				}
				out = append(out, sayCall{pos: pos, key: other, plural: true, one: one})
				return true
			}
			key, ok := constString(call.Args[0])
			if !ok {
				t.Errorf("%s: core.Say's template must be a literal: the window translates it by its English", pos)
				return true
			}
			out = append(out, sayCall{pos: pos, key: key})
			return true
		})
	})
	return out
}

// coreSources parses every non-test Go file of core/... and
// integrations/..., the code whose sentences the window translates.
func coreSources(t *testing.T, fn func(*token.FileSet, *ast.File)) {
	t.Helper()
	root := moduleRoot(t)
	for _, dir := range []string{"core", "integrations"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			fn(fset, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

var templateField = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fieldsOf(s string) string {
	var f []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		f = append(f, m[1])
	}
	return strings.Join(f, ",")
}

// Every sentence core and the integrations say with core.Say has its words
// in kit's translations in every language, plural where SayN counts, with
// the English as written in the code (the one form too).
func TestCoreWordsTranslated(t *testing.T) {
	calls := sayCalls(t)
	if len(calls) < 20 {
		t.Fatalf("found %d core.Say calls: the scan is broken", len(calls))
	}
	for _, l := range Languages {
		name := assets.TranslationsDir + "/kit." + l + ".json"
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatal(err)
		}
		for _, c := range calls {
			v, ok := msgs[c.key]
			if !ok {
				t.Errorf("%s: %s has no %q", c.pos, name, c.key)
				continue
			}
			forms, plural := v.(map[string]any)
			if plural != c.plural {
				t.Errorf("%s: %s: %q: plural %v, the code says %v", c.pos, name, c.key, plural, c.plural)
				continue
			}
			if l == "en" && plural && forms["one"] != c.one {
				t.Errorf("%s: kit.en.json: %q's one form is %q, the code says %q", c.pos, c.key, forms["one"], c.one)
			}
			if l == "en" && !plural && v != c.key {
				t.Errorf("%s: kit.en.json: %q reads %q", c.pos, c.key, v)
			}
		}
	}
}

// englishWords are words that show a sentence was left in English.
var englishWords = regexp.MustCompile(`(?i)\b(the|is|are|takes|cannot|could|not|than|more|at most|tried|times|with|without|picture|video|file|channel|and|of|to|an|has|no|your|server|answered|refused)\b`)

// English text composed in core reaches the window in the language in use:
// each error or value core and the integrations build with Words (and
// each account status or post failure kept as English in the workspace)
// reads in French, Russian and Bulgarian, with no English words left
// but names, and its numbers and sizes in the language's form.
func TestCoreWordsSaidInLanguage(t *testing.T) {
	remote := core.RemoteWords(core.ProblemConfig, core.Say("VK refused {{.Method}}: {{.Reason}}", "Method", "wall.post", "Reason", "access denied"), "", nil)
	cases := []struct {
		name string
		err  error
		keep []string // parts that stay as they are: names, hosts, a remote's words
	}{
		{"picture over the limit", core.Say("{{.File}} is re-encoded for {{.Channel}} ({{.Why}})", "File", "cat.png", "Channel", "X",
			"Why", []*core.Words{core.Say("{{.Size}} is over {{.Channel}}'s {{.Max}}", "Size", core.Size(7<<20), "Channel", "X", "Max", core.Size(5<<20))}), []string{"cat.png"}},
		{"video too long", core.Say("{{.File}} lasts {{.Length}}; {{.Channel}} takes videos up to {{.Max}} (Hearth does not cut video: trim it first)",
			"File", "clip.mp4", "Length", "3:10", "Channel", "VK", "Max", "2:20"), []string{"clip.mp4", "3:10"}},
		{"wrapped with a prefix", fmt.Errorf("calendar: %w", core.Say("{{.Channel}} takes a GIF alone: send {{.File}} without the other pictures, or leave it out",
			"Channel", "X", "File", "a.gif")), []string{"a.gif"}},
		{"a remote error with a status", core.RemoteWords(core.ProblemServer, core.Say("VK is having trouble (HTTP {{.Status}})", "Status", 502), "Hearth will try again", nil), []string{"502"}},
		{"stored: tried N times", errors.New("cannot reach VK; tried 5 times: retry when the channel is back"), []string{"VK", "5"}},
		{"unknown recurrence", core.Recurrence{Freq: "daily", Anchor: "2026-12-01 10:00"}.Validate(), []string{"daily"}},
		{"unknown TLS mode", core.IMAPSettings{Host: "mail.example.org", User: "me", Port: 993, SMTPPort: 465, TLS: "ssl3"}.Validate(), []string{"ssl3", "starttls", "TLS", "tls", "none"}},
		{"a contact the import could not file", fmt.Errorf("members: import: %w", core.Say(`contact {{.Number}} ("{{.Name}}"): {{.Error}}`, "Number", 3, "Name", "Анна", "Error", core.Say("port out of range"))), []string{"Анна", "3"}},
		{"X refuses to ban", core.RemoteWords(core.ProblemConfig, core.Say("X cannot ban an author; it can only hide replies"), "", core.ErrUnsupported), nil},
		{"a remote's own words stay, our sentence does not", core.Say("{{.File}} is a damaged {{.Type}}: {{.Error}}", "File", "x.png", "Type", "PNG", "Error", remote), []string{"wall.post", "access denied"}},
	}
	for _, l := range []string{"fr", "ru", "bg"} {
		inLanguage(t, l, func() {
			for _, c := range cases {
				got := ErrorText(c.err)
				english := Sentence(Capitalize(c.err.Error()))
				if got == english {
					t.Errorf("%s: %s: still English: %q", l, c.name, got)
					continue
				}
				rest := got
				for _, k := range c.keep {
					if !strings.Contains(rest, k) {
						t.Errorf("%s: %s: %q lost %q", l, c.name, got, k)
					}
					rest = strings.ReplaceAll(rest, k, "")
				}
				for _, name := range []string{"Hearth", "VK", "X", "HTTP", "GIF", "PNG", "MP4", "H.264", "AAC", "MOV"} {
					rest = strings.ReplaceAll(rest, name, "")
				}
				if w := englishWords.FindString(rest); w != "" {
					t.Errorf("%s: %s: English word %q left in %q", l, c.name, w, got)
				}
			}
		})
	}
	inLanguage(t, "en", func() {
		for _, c := range cases {
			want := Sentence(Capitalize(StripPrefixes(c.err.Error())))
			if re := core.AsRemote(c.err); re != nil && re.Action != "" {
				want = Sentence(Capitalize(re.Message + ": " + re.Action))
			} else if re != nil && re.Words != nil {
				want = Sentence(Capitalize(re.Message)) // the cause is for the logs
			}
			if w := core.AsWords(c.err); w != nil && startsWithName(w) {
				want = Sentence(w.Error())
			}
			if got := ErrorText(c.err); got != want && !strings.HasPrefix(c.err.Error(), "calendar: ") && !strings.HasPrefix(c.err.Error(), "members: ") {
				t.Errorf("en: %s: %q, the English is %q", c.name, got, want)
			}
		}
	})
}

// A size and a count take the language's form: "7 Mo", "7 МБ"; Russian
// picks the count's plural form.
func TestSayFieldsInLanguage(t *testing.T) {
	inLanguage(t, "ru", func() {
		for n, want := range map[int]string{1: "1 попытка", 3: "3 попытки", 5: "5 попыток", 21: "21 попытка"} {
			w := core.SayN("{{.Reason}}; tried {{.Count}} time: retry when the channel is back",
				"{{.Reason}}; tried {{.Count}} times: retry when the channel is back", n, "Reason", "cannot reach VK")
			if got := Say(w); !strings.Contains(got, want) || !strings.Contains(got, "нет связи с VK") {
				t.Errorf("%d: %q, want %q in it", n, got, want)
			}
			// The same, kept as English in the workspace and read back.
			if got := StoredText(w.Error()); got != Say(w) {
				t.Errorf("%d stored: %q, said %q", n, got, Say(w))
			}
		}
	})
	inLanguage(t, "fr", func() {
		w := core.Say("{{.Size}} is over {{.Channel}}'s {{.Max}}", "Size", core.Size(7<<20), "Channel", "X", "Max", core.Size(5<<20))
		if got := Say(w); !strings.Contains(got, "7,0 Mo") && !strings.Contains(got, "7 Mo") {
			t.Errorf("%q: the size is not said in French", got)
		}
	})
}
