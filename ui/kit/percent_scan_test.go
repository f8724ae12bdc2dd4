package kit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	// printfPercent is a number printed with a percent sign by fmt
	// ("%d%%", "%.0f %%") and a template field followed by one ("{{.N}}%"):
	// the sign's spacing is the language's, so kit.Percent writes it.
	printfPercent = regexp.MustCompile(`%[-+# 0]*\d*(\.\d+)?[dfgev] ?%%|\}\} ?%`)
	// percentAfterSpace is a percent sign after a number with an ordinary
	// space, which can wrap the sign onto the next line, or (en, bg) after
	// any space at all.
	percentAfterSpace = map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`[\d}](%| %)`), "ru": regexp.MustCompile(`[\d}](%| %)`),
		"en": regexp.MustCompile(`[\d}][ \x{a0}\x{202f}]%`), "bg": regexp.MustCompile(`[\d}][ \x{a0}\x{202f}]%`),
	}
)

// A percentage on screen is written by kit.Percent ("33 %" in French and
// Russian, "33%" in English and Bulgarian), never by fmt or a translation
// key that glues the sign to its number; the fixed sentences of the
// translations space it as their language does.
func TestPercentsWrittenByLanguage(t *testing.T) {
	root := moduleRoot(t)
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "ui"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			e, _ := n.(ast.Expr)
			if s, ok := stringLit(e); ok && printfPercent.MatchString(s) {
				t.Errorf("%s: %q formats a percentage by hand: use kit.Percent", fset.Position(n.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range translatedTexts(t) {
		if bad := percentAfterSpace[tt.lang]; bad != nil && bad.MatchString(tt.text) {
			t.Errorf("%s: %q: %q spaces its percent sign as the language does not", tt.file, tt.key, tt.text)
		}
	}
}
