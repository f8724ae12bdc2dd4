package kit

import (
	"go/ast"
	"go/token"
	"regexp"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
)

var (
	// quotedField is a field the English puts in quotes: "{{.Name}}",
	// “{{.Text}}”, '{{.Rule}}'.
	quotedField = regexp.MustCompile(`["“'](\{\{\s*\.\w+\s*\}\})["”']`)
	// languageQuotes are the quotes each language puts around a field:
	// French guillemets with no-break spaces inside, Russian guillemets,
	// Bulgarian low-high quotes.
	languageQuotes = map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`«[\x{a0}\x{202f}]\{\{\s*\.\w+\s*\}\}[\x{a0}\x{202f}]»`),
		"ru": regexp.MustCompile(`«\{\{\s*\.\w+\s*\}\}»`),
		"bg": regexp.MustCompile(`„\{\{\s*\.\w+\s*\}\}“`),
	}
	// wrongQuotes are quotes a language does not write: ASCII ones around a
	// field, English curly ones, the other languages' guillemets, and in
	// French a guillemet with an ordinary space that lets it wrap away.
	wrongQuotes = map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`"\{\{|\}\}"|[“”„]|« | »|«[^\x{a0}\x{202f}]|[^\x{a0}\x{202f}]»`),
		"ru": regexp.MustCompile(`"\{\{|\}\}"|[“”„]`),
		"bg": regexp.MustCompile(`"\{\{|\}\}"|[«»”]`),
	}
)

// A translated sentence quotes a value as its language does: « la salle »
// with no-break spaces in French, «la salle» in Russian, „la salle“ in
// Bulgarian, wherever the English quotes it.
func TestTranslationsQuoteAsTheLanguageDoes(t *testing.T) {
	for _, tt := range translatedTexts(t) {
		l := tt.lang
		if languageQuotes[l] == nil || strings.HasPrefix(tt.file, "fyne.") {
			continue
		}
		if tt.key == `'"' without a closing '"'` { // the character itself, not a quote
			continue
		}
		if w := wrongQuotes[l].FindString(tt.text); w != "" {
			t.Errorf("%s: %q: %q quotes with %q", tt.file, tt.key, tt.text, w)
		}
		if n := len(quotedField.FindAllString(tt.key, -1)); len(languageQuotes[l].FindAllString(tt.text, -1)) < n {
			t.Errorf("%s: %q: %q does not quote its value as the language does", tt.file, tt.key, tt.text)
		}
	}
}

// Core quotes a value in its template, never in the field: a field is
// said as it is, so quotes put in it by strconv.Quote or %q would stay
// ASCII in every language.
func TestCoreQuotesInTemplates(t *testing.T) {
	coreSources(t, func(fset *token.FileSet, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !isSayCall(call, f.Name.Name == "core") {
				return true
			}
			for _, a := range call.Args[1:] {
				ast.Inspect(a, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Quote" {
						t.Errorf("%s: a field quoted with strconv.Quote: quote it in the template", fset.Position(n.Pos()))
					}
					if s, ok := stringLit(asExpr(n)); ok && strings.Contains(s, "%q") {
						t.Errorf("%s: a field quoted with %%q: quote it in the template", fset.Position(n.Pos()))
					}
					return true
				})
			}
			return true
		})
	})
	inLanguage(t, "fr", func() {
		_, err := core.ParsePeople("la salle")
		if got := ErrorText(err); !strings.HasPrefix(got, "«\u00a0la salle\u00a0»") {
			t.Errorf("fr: %q, want the typed text in guillemets", got)
		}
	})
	inLanguage(t, "bg", func() {
		_, err := core.ParsePeople("la salle")
		if got := ErrorText(err); !strings.HasPrefix(got, "„la salle“") {
			t.Errorf("bg: %q, want the typed text in „ “", got)
		}
	})
}

func isSayCall(call *ast.CallExpr, inCore bool) bool {
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		x, ok := fn.X.(*ast.Ident)
		return ok && x.Name == "core" && (fn.Sel.Name == "Say" || fn.Sel.Name == "SayN")
	case *ast.Ident:
		return inCore && (fn.Name == "Say" || fn.Name == "SayN")
	}
	return false
}

func asExpr(n ast.Node) ast.Expr {
	e, _ := n.(ast.Expr)
	return e
}
