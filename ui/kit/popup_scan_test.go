package kit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// unguardedPopUps are Fyne's widgets that open a pop-up on the canvas Fyne
// may have lost for a frame (fyne#5965): out of ui/kit they are used
// through kit.Select and kit.Entry, whose guard loses the tap instead of
// the window.
var unguardedPopUps = map[string]string{
	"Select":            "kit.Select",
	"NewSelect":         "kit.NewSelect",
	"NewSelectWithData": "kit.NewSelect",
	"SelectEntry":       "a kit guard (none yet: add one beside kit.Select)",
	"NewSelectEntry":    "a kit guard (none yet: add one beside kit.Select)",
	"DateEntry":         "a kit guard (none yet: add one beside kit.Select)",
	"NewDateEntry":      "a kit guard (none yet: add one beside kit.Select)",
	"Entry":             "kit.Entry (embed it)",
	"NewEntry":          "kit.NewEntry",
	"NewMultiLineEntry": "kit.NewMultiLineEntry",
	"NewPasswordEntry":  "kit.NewPasswordEntry",
	"NewEntryWithData":  "kit.NewEntry",
}

// No ui package but kit names widget.Select, widget.Entry or their
// constructors (a call, a literal, an embedded field, a type): new code
// keeps the guard against fyne#5965's crash.
func TestPopUpWidgetsAreGuarded(t *testing.T) {
	root := moduleRoot(t)
	kitDir := filepath.Join(root, "ui", "kit")
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "ui"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == kitDir {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		name := ""
		for _, im := range f.Imports {
			if path, _ := strconv.Unquote(im.Path.Value); path == widgetPkg {
				name = "widget"
				if im.Name != nil {
					name = im.Name.Name
				}
			}
		}
		if name == "" {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			s, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := s.X.(*ast.Ident); ok && x.Name == name {
				if use, bad := unguardedPopUps[s.Sel.Name]; bad {
					t.Errorf("%s: widget.%s can crash the window on a tap (fyne#5965): use %s", fset.Position(s.Pos()), s.Sel.Name, use)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
