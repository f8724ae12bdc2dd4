package core

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

// Words is a sentence for a person with the parts that vary kept apart: an
// English template in text/template's form ("{{.Name}} takes no videos")
// and its fields. Error says it in English, for logs and the command line;
// the window says it in its language (kit.Say, kit.ErrorText), where the
// template is the translation key. Core and the integrations return Words,
// as an error or inside a value, for any sentence with a count, a size or
// a name in it, which a fixed translation of the English cannot match.
//
// A field may hold a string (a name, a host, a file, a remote's own words:
// shown as it is), a number, a Size, an error, or Words (said in the
// language too), or a []*Words (said one after the other, "; " apart).
type Words struct {
	Text string // the template; with One, the plural form ("other")
	// One is the English template for a Count of one; with it, Count is the
	// field "Count" and the window picks the language's plural form.
	One    string
	Fields map[string]any
	Err    error // what caused it, for errors.Is and logs; not said
}

// Size is a number of bytes said as a file manager says it: "4.2 MB".
type Size int64

// Say makes Words from a template and its fields as name, value pairs:
// core.Say("at most {{.Max}} characters", "Max", 60).
func Say(text string, fields ...any) *Words {
	return &Words{Text: text, Fields: pairs(fields)}
}

// SayN makes Words whose form follows a count, the field "Count":
// core.SayN("tried {{.Count}} time", "tried {{.Count}} times", n).
func SayN(one, other string, count int, fields ...any) *Words {
	w := &Words{Text: other, One: one, Fields: pairs(fields)}
	w.Fields["Count"] = count
	return w
}

// Because records what caused w, for errors.Is and the logs.
func (w *Words) Because(err error) *Words {
	w.Err = err
	return w
}

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// Template is the template the language's plural form is chosen for
// (Text), or for English the one that fits the count.
func (w *Words) Template() string {
	if w.One != "" {
		if n, _ := w.Fields["Count"].(int); n == 1 {
			return w.One
		}
	}
	return w.Text
}

// Error says w in English.
func (w *Words) Error() string {
	if w == nil {
		return ""
	}
	data := make(map[string]string, len(w.Fields))
	for k, v := range w.Fields {
		data[k] = EnglishField(v)
	}
	return fillWords(w.Template(), data)
}

func (w *Words) String() string { return w.Error() }

func (w *Words) Unwrap() error { return w.Err }

// EnglishField says one field of Words in English.
func EnglishField(v any) string {
	switch v := v.(type) {
	case *Words:
		return v.Error()
	case []*Words:
		s := make([]string, len(v))
		for i, w := range v {
			s[i] = w.Error()
		}
		return strings.Join(s, "; ")
	case Size:
		return Megabytes(int64(v))
	case error:
		return v.Error()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// Megabytes says a size in English the way a person reads it: "4.2 MB",
// "15 MB", "0.3 MB".
func Megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 && mb != float64(int64(mb)) {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%.0f MB", mb)
}

var templates sync.Map // text -> *template.Template

// fillWords executes a template of Words with fields already said; a template
// that does not parse is returned as it is (never in a released build: a
// test parses them all).
func fillWords(text string, data map[string]string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var t *template.Template
	if v, ok := templates.Load(text); ok {
		t = v.(*template.Template)
	} else {
		var err error
		if t, err = template.New("").Option("missingkey=zero").Parse(text); err != nil {
			return text
		}
		templates.Store(text, t)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return text
	}
	return b.String()
}

// AsWords finds Words in err's chain, or nil.
func AsWords(err error) *Words {
	var w *Words
	if errors.As(err, &w) {
		return w
	}
	return nil
}
