package kit

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/hearthhq/hearth/assets"
)

// translatedPackages are the ui packages whose every visible string goes
// through lang: TestNoUntranslatedText holds them to it. A package joins
// the list when its translation is done (docs/translations.md); its
// feature's JSON files are assets/translations/<feature>.<lang>.json.
var translatedPackages = map[string]string{ // directory from the module root: feature
	"ui":           "shell",
	"ui/kit":       "kit",
	"ui/accounts":  "accounts",
	"ui/calendar":  "calendar",
	"ui/dashboard": "dashboard",
	"ui/inbox":     "inbox",
	"ui/members":   "members",
	"ui/rules":     "rules",
	"ui/watches":   "watches",
	"ui/settings":  "settings",
	"ui/welcome":   "welcome",
}

// untranslatedPackages are the ui packages that show no text of their
// own: test helpers. Any other ui package must be in translatedPackages,
// so a new screen cannot stay out of the scan unnoticed.
var untranslatedPackages = map[string]bool{"ui/internal/uitest": true, "ui/kit/kittest": true}

// sameInEveryLanguage are literals a sink may show as they are: names and
// marks that no language translates.
var sameInEveryLanguage = map[string]bool{
	"Hearth": true, "VK": true, "X": true, "IMAP": true, "SMTP": true, "RSS": true,
}

// notWords matches literals that are addresses, hosts or URLs, the same in
// every language: "you@example.org", "imap.example.org", "https://...".
var notWords = regexp.MustCompile(`^(https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|[\w-]+(\.[\w-]+)+(:\d+)?)$`)

const (
	fynePkg      = "fyne.io/fyne/v2"
	widgetPkg    = "fyne.io/fyne/v2/widget"
	dialogPkg    = "fyne.io/fyne/v2/dialog"
	containerPkg = "fyne.io/fyne/v2/container"
	canvasPkg    = "fyne.io/fyne/v2/canvas"
	langPkg      = "fyne.io/fyne/v2/lang"
	kitPkg       = "github.com/hearthhq/hearth/ui/kit"
)

// options marks a sink argument that is a []string of choices.
const options = -1

// funcSinks are the functions whose arguments (by index) people read.
var funcSinks = map[string][]int{
	widgetPkg + ".NewLabel":                 {0},
	widgetPkg + ".NewLabelWithStyle":        {0},
	widgetPkg + ".NewButton":                {0},
	widgetPkg + ".NewButtonWithIcon":        {0},
	widgetPkg + ".NewCheck":                 {0},
	widgetPkg + ".NewHyperlink":             {0},
	widgetPkg + ".NewCard":                  {0, 1},
	widgetPkg + ".NewAccordionItem":         {0},
	widgetPkg + ".NewFormItem":              {0},
	widgetPkg + ".NewRichTextWithText":      {0},
	widgetPkg + ".NewRadioGroup":            {options},
	widgetPkg + ".NewSelect":                {options},
	kitPkg + ".NewSelect":                   {options},
	widgetPkg + ".NewCheckGroup":            {options},
	widgetPkg + ".NewToolbarAction":         {},
	containerPkg + ".NewTabItem":            {0},
	containerPkg + ".NewTabItemWithIcon":    {0},
	fynePkg + ".NewMenuItem":                {0},
	fynePkg + ".NewMenu":                    {0},
	fynePkg + ".NewNotification":            {0, 1},
	dialogPkg + ".NewInformation":           {0, 1},
	dialogPkg + ".ShowInformation":          {0, 1},
	dialogPkg + ".NewConfirm":               {0, 1},
	dialogPkg + ".ShowConfirm":              {0, 1},
	dialogPkg + ".NewCustom":                {0, 1},
	dialogPkg + ".ShowCustom":               {0, 1},
	dialogPkg + ".NewCustomConfirm":         {0, 1, 2},
	dialogPkg + ".ShowCustomConfirm":        {0, 1, 2},
	dialogPkg + ".NewCustomWithoutButtons":  {0},
	dialogPkg + ".ShowCustomWithoutButtons": {0},
	dialogPkg + ".NewForm":                  {0, 1, 2},
	dialogPkg + ".ShowForm":                 {0, 1, 2},
	dialogPkg + ".NewEntryDialog":           {0, 1},
	kitPkg + ".FlatButton":                  {0},
	kitPkg + ".PrimaryButton":               {0},
	kitPkg + ".DangerLabel":                 {0},
	kitPkg + ".NewMuted":                    {0},
	kitPkg + ".NewMutedTrunc":               {0},
	kitPkg + ".NewMutedWrapped":             {0},
	kitPkg + ".SetSegment":                  {1},
	kitPkg + ".Friendly":                    {1},
	"errors.New":                            {0},
	"fmt.Errorf":                            {0},
}

// methodSinks are methods (of any type) whose arguments people read:
// widgets' setters and kit's banners, toasts and form feedback.
var methodSinks = map[string][]int{
	"SetText":        {0},
	"SetPlaceHolder": {0},
	"SetTitle":       {0},
	"SetProblem":     {0},
	"SetResult":      {0},
	"Show":           {0}, // kit.Banner.Show(msg), kit.Toast.Show(msg, undo)
	"SetOptions":     {options},
	"SetConfirmText": {0},
	"SetDismissText": {0},
	"SetSubmitText":  {0},
}

// fieldSinks are struct fields people read, assigned or in a literal of a
// Fyne type.
var fieldSinks = map[string]bool{"Text": true, "PlaceHolder": true, "HintText": true, "Title": true, "Content": true}

// langCalls are lang's functions: the key is the first argument.
var langCalls = map[string]bool{"L": true, "N": true, "X": true, "XN": true,
	"Localize": true, "LocalizePlural": true, "LocalizeKey": true, "LocalizePluralKey": true}

// textParams are the parameter names that mark a function of Hearth's own
// as one that shows its argument: kit.FlatButton(text, ...), the shell's
// nav.add(title, ...), a screen's newPlaceholder(icon, title, text).
var textParams = map[string]bool{"text": true, "title": true, "label": true, "msg": true, "message": true,
	"hint": true, "intro": true, "empty": true, "caption": true, "placeholder": true, "one": true, "many": true}

// declaredSinks adds to funcs and methods the functions of the package in
// dir (import path self) that take display text, by textParams.
func declaredSinks(t *testing.T, root, dir, self string, funcs, methods map[string][]int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			var idx []int
			i := 0
			for _, field := range fd.Type.Params.List {
				names := field.Names
				if len(names) == 0 {
					i++
					continue
				}
				for _, n := range names {
					if id, ok := field.Type.(*ast.Ident); ok && id.Name == "string" && textParams[n.Name] {
						idx = append(idx, i)
					}
					i++
				}
			}
			if len(idx) == 0 {
				continue
			}
			if fd.Recv != nil {
				for _, i := range idx {
					if !slices.Contains(methods[fd.Name.Name], i) {
						methods[fd.Name.Name] = append(methods[fd.Name.Name], i)
					}
				}
			} else {
				funcs[self+"."+fd.Name.Name] = idx
			}
		}
	}
}

type keyUse struct {
	key    string
	plural bool
	pos    string
}

type scan struct {
	root     string
	fset     *token.FileSet
	uses     []keyUse
	bad      []string
	excused  map[string]bool // file:line of an "untranslated:" comment and the line below it
	funcs    map[string][]int
	methods  map[string][]int
	literals map[string]bool // every string literal of the package, for unused keys
	core     map[string]bool // the core packages it imports, by directory
}

// moduleRoot is two levels above ui/kit.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	return root
}

func scanPackage(t *testing.T, root, dir string) *scan {
	t.Helper()
	self := "github.com/hearthhq/hearth/" + dir
	s := &scan{root: root, fset: token.NewFileSet(), literals: map[string]bool{}, excused: map[string]bool{}, core: map[string]bool{},
		funcs: maps.Clone(funcSinks), methods: maps.Clone(methodSinks)}
	declaredSinks(t, root, "ui/kit", kitPkg, s.funcs, s.methods)
	if self != kitPkg {
		declaredSinks(t, root, dir, self, s.funcs, s.methods)
	}
	files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(s.fset, name, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		s.file(f, self)
	}
	return s
}

func (s *scan) pos(n ast.Node) string {
	p := s.fset.Position(n.Pos())
	rel, err := filepath.Rel(s.root, p.Filename)
	if err != nil {
		rel = p.Filename
	}
	return rel + ":" + strconv.Itoa(p.Line)
}

func (s *scan) file(f *ast.File, self string) {
	// "// untranslated: why" excuses its own line and the next one: a
	// log-only error, a value that is not words (an IMAP folder name).
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(c.Text, "//")), "untranslated:") {
				p := s.fset.Position(c.Pos())
				s.excused[p.Filename+":"+strconv.Itoa(p.Line)] = true
				s.excused[p.Filename+":"+strconv.Itoa(p.Line+1)] = true
			}
		}
	}
	imports := map[string]string{} // local name: path
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(p)
		if p == fynePkg {
			name = "fyne"
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		imports[name] = p
		if dir, ok := strings.CutPrefix(p, "github.com/hearthhq/hearth/"); ok && strings.HasPrefix(dir, "core") {
			s.core[dir] = true
		}
	}
	// qualified names the call's function: "fyne.io/fyne/v2/widget.NewLabel",
	// a function of the package itself by its own path, or a method "."+name.
	qualified := func(fun ast.Expr) (string, bool) {
		switch fn := fun.(type) {
		case *ast.Ident:
			return self + "." + fn.Name, true
		case *ast.SelectorExpr:
			if id, ok := fn.X.(*ast.Ident); ok {
				if p, ok := imports[id.Name]; ok {
					return p + "." + fn.Sel.Name, true
				}
			}
			return "." + fn.Sel.Name, true
		}
		return "", false
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING {
				if v, err := strconv.Unquote(n.Value); err == nil {
					s.literals[v] = true
				}
			}
		case *ast.BinaryExpr:
			// A long key written "first half " + "second half".
			if v, ok := constString(n); ok {
				s.literals[v] = true
			}
		case *ast.CallExpr:
			name, ok := qualified(n.Fun)
			if !ok {
				return true
			}
			dot := strings.LastIndex(name, ".")
			if p, fn := name[:dot], name[dot+1:]; p == langPkg && langCalls[fn] && len(n.Args) > 0 {
				if key, ok := stringLit(n.Args[0]); ok {
					s.uses = append(s.uses, keyUse{key: key, plural: strings.Contains(fn, "N") || strings.Contains(fn, "Plural"), pos: s.pos(n)})
				}
				return true
			}
			args, isFunc := s.funcs[name]
			if !isFunc && strings.HasPrefix(name, ".") {
				args = s.methods[name[1:]]
			}
			for _, i := range args {
				if i == options {
					if len(n.Args) > 0 {
						if cl, ok := n.Args[0].(*ast.CompositeLit); ok {
							for _, el := range cl.Elts {
								s.check(el, name)
							}
						}
					}
					continue
				}
				if i < len(n.Args) {
					s.check(n.Args[i], name)
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if sel, ok := lhs.(*ast.SelectorExpr); ok && fieldSinks[sel.Sel.Name] && i < len(n.Rhs) {
					s.check(n.Rhs[i], "."+sel.Sel.Name+" =")
				}
			}
		case *ast.CompositeLit:
			typ := n.Type
			if u, ok := typ.(*ast.StarExpr); ok {
				typ = u.X
			}
			sel, ok := typ.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok || !strings.HasPrefix(imports[id.Name], fynePkg) {
				return true
			}
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && fieldSinks[k.Name] {
						s.check(kv.Value, id.Name+"."+sel.Sel.Name+"{"+k.Name+"}")
					}
				}
			}
		}
		return true
	})
}

// check records e when it shows English that no lang call translated.
func (s *scan) check(e ast.Expr, sink string) {
	p := s.fset.Position(e.Pos())
	if s.excused[p.Filename+":"+strconv.Itoa(p.Line)] {
		return
	}
	if lit := untranslated(e); lit != "" {
		s.bad = append(s.bad, s.pos(e)+": "+strconv.Quote(lit)+" shown by "+strings.TrimPrefix(sink, ".")+" without lang.L")
	}
}

var verb = regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z%]`)

// untranslated is the English literal inside e, or "" when e is
// translated, computed or has no words.
func untranslated(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.BasicLit:
		v, ok := stringLit(e)
		if ok && words(v) {
			return v
		}
	case *ast.ParenExpr:
		return untranslated(e.X)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			if l := untranslated(e.X); l != "" {
				return l
			}
			return untranslated(e.Y)
		}
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		switch sel.Sel.Name {
		case "Sprintf", "Errorf", "Sprint", "Sprintln":
			if len(e.Args) > 0 {
				if v, ok := stringLit(e.Args[0]); ok && words(verb.ReplaceAllString(v, "")) {
					return v
				}
				for _, a := range e.Args[1:] {
					if l := untranslated(a); l != "" {
						return l
					}
				}
			}
		case "Capitalize", "Sentence", "ToUpper", "TrimSpace", "New":
			if len(e.Args) > 0 {
				return untranslated(e.Args[0])
			}
		}
	}
	return ""
}

// words reports whether s has a letter people would need translated.
func words(s string) bool {
	t := strings.TrimSpace(s)
	if sameInEveryLanguage[t] || notWords.MatchString(t) {
		return false
	}
	return strings.IndexFunc(t, unicode.IsLetter) >= 0
}

// constString is the value of a string literal or a sum of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		return stringLit(e)
	case *ast.ParenExpr:
		return constString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok := constString(e.X)
		if !ok {
			return "", false
		}
		b, ok := constString(e.Y)
		return a + b, ok
	}
	return "", false
}

// coreLiterals are the string literals of core/... and integrations/...: a screen may translate
// core's fixed messages (a query's parse errors) by their English.
func coreLiterals(t *testing.T, root string) map[string]bool {
	t.Helper()
	lits := map[string]bool{}
	// The integrations' words reach the window too (kit.ChannelText,
	// core.Say in a RemoteError).
	for _, dir := range []string{"core", "integrations"} {
		coreDirLiterals(t, filepath.Join(root, dir), lits)
	}
	return lits
}

func coreDirLiterals(t *testing.T, dir string, lits map[string]bool) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				if v, ok := constString(e); ok {
					lits[v] = true
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

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// englishKeys are the keys of every <feature>.en.json: key -> plural, and
// the features each key is in.
func englishKeys(t *testing.T) (map[string]bool, map[string][]string) {
	t.Helper()
	entries, err := assets.Translations.ReadDir(assets.TranslationsDir)
	if err != nil {
		t.Fatal(err)
	}
	keys, features := map[string]bool{}, map[string][]string{}
	for _, e := range entries {
		feature, ok := strings.CutSuffix(e.Name(), ".en.json")
		if !ok {
			continue
		}
		data, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		features[feature] = features[feature][:0:0] // present, if empty
		for k, v := range raw {
			// {"other": "..."} alone is a plain text (a key go-i18n
			// would read as a field, like "Description").
			m, plural := v.(map[string]any)
			if _, other := m["other"]; plural && len(m) == 1 && other {
				plural = false
			}
			keys[k] = plural
			features[feature] = append(features[feature], k)
		}
	}
	return keys, features
}

// uiPackages are the directories of ui/... that hold Go files, from the
// module root.
func uiPackages(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(filepath.Join(root, "ui"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			return nil
		}
		if gos, _ := filepath.Glob(filepath.Join(p, "*.go")); len(gos) > 0 {
			rel, _ := filepath.Rel(root, p)
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	return dirs
}

// Every key a lang call of any ui package names exists, plural where
// lang.N asks for one; every visible string of a translated package goes
// through lang (a string left out stays English in a Russian window); and
// keys of a translated package's feature that its code never names are
// stale.
func TestNoUntranslatedText(t *testing.T) {
	root := moduleRoot(t)
	keys, features := englishKeys(t)
	fromCore := coreLiterals(t, root)
	for _, dir := range uiPackages(t, root) {
		s := scanPackage(t, root, dir)
		for _, u := range s.uses {
			plural, ok := keys[u.key]
			switch {
			case !ok:
				t.Errorf("%s: key %q is in no assets/translations/*.en.json", u.pos, u.key)
			case u.plural && !plural:
				t.Errorf("%s: lang.N key %q has no plural forms in the JSON files", u.pos, u.key)
			case !u.plural && plural:
				t.Errorf("%s: key %q has plural forms: use lang.N", u.pos, u.key)
			}
		}
		feature, covered := translatedPackages[dir]
		if !covered {
			if !untranslatedPackages[dir] {
				t.Errorf("%s is in neither translatedPackages nor untranslatedPackages: its visible strings go unchecked", dir)
			}
			continue
		}
		for _, b := range s.bad {
			t.Error(b)
		}
		if _, ok := features[feature]; !ok {
			t.Errorf("%s is translated but assets/translations/%s.en.json does not exist", dir, feature)
		}
		// A screen translates some of core's words where it shows them
		// (lang.L(metric.Name)): a key is used when it is a literal of the
		// package or of a core package it imports.
		for dir := range s.core {
			addLiterals(t, root, dir, s.literals)
		}
		for _, k := range features[feature] {
			if !s.literals[k] && !fromCore[k] {
				t.Errorf("assets/translations/%s.*.json: %q is not used by %s (stale, or said differently now)", feature, k, dir)
			}
		}
	}
	for dir := range translatedPackages {
		if _, err := os.Stat(filepath.Join(root, dir)); err != nil {
			t.Errorf("translatedPackages names %s: %v", dir, err)
		}
	}
}

// addLiterals adds the string literals of a package's sources to lits.
func addLiterals(t *testing.T, root, dir string, lits map[string]bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if v, err := strconv.Unquote(lit.Value); err == nil {
					lits[v] = true
				}
			}
			return true
		})
	}
}

// The scanner finds what it must: a test of the test on a small source.
func TestScannerFindsUntranslated(t *testing.T) {
	src := `package p
import (
	"fmt"
	"errors"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"fyne.io/fyne/v2/dialog"
)
func f(n int, l *widget.Label) {
	_ = widget.NewLabel("Inbox")                        // bad
	_ = widget.NewLabel(lang.L("Inbox"))                // fine
	l.SetText(fmt.Sprintf("%d new", n))                 // bad
	l.SetText(fmt.Sprintf("%d", n))                     // fine: no words
	l.SetText(lang.N("{{.Count}} new", n, nil) + " · ") // fine
	_ = widget.NewRadioGroup([]string{"Light", lang.L("Dark")}, nil) // bad: Light
	dialog.ShowInformation(lang.L("Saved"), "Your post was saved", nil) // bad
	_ = errors.New("wrong host")                        // bad
	_ = widget.NewLabel("imap.example.org")             // fine: a host
	l.Text = "Done"                                     // bad
	_ = &widget.Label{Text: "Hello " + name()}          // bad
	// untranslated: an IMAP folder's name
	l.SetText("INBOX")
	l.SetText("Sent") // untranslated: a folder's name
}
func name() string { return "" }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	s := &scan{fset: fset, literals: map[string]bool{}, excused: map[string]bool{}, funcs: funcSinks, methods: methodSinks}
	s.file(f, "example.org/p")
	got := strings.Join(s.bad, "\n")
	for _, want := range []string{`"Inbox" shown by`, `"%d new"`, `"Light"`, `"Your post was saved"`, `"wrong host"`, `"Done"`, `"Hello "`} {
		if !strings.Contains(got, want) {
			t.Errorf("scanner missed %s; found:\n%s", want, got)
		}
	}
	if len(s.bad) != 7 {
		t.Errorf("found %d, want 7:\n%s", len(s.bad), got)
	}
	if len(s.uses) != 4 || !s.uses[1].plural {
		t.Errorf("lang keys found %+v, want Inbox, {{.Count}} new (plural), Dark, Saved", s.uses)
	}
}
