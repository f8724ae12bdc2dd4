package kit

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core"
)

// Say is core's Words in the language in use: the template is the key of
// kit's translations, each field is said in the language too (a size as
// "4,2 Mo", a number as "12 345", nested Words translated), names and a
// remote's own words as they are.
func Say(w *core.Words) string {
	if w == nil {
		return ""
	}
	data := make(map[string]any, len(w.Fields))
	for k, v := range w.Fields {
		data[k] = sayField(v)
	}
	if w.One != "" {
		n, _ := w.Fields["Count"].(int)
		return lang.N(w.Text, n, data)
	}
	return lang.L(w.Text, data)
}

func sayField(v any) string {
	switch v := v.(type) {
	case *core.Words:
		return Say(v)
	case []*core.Words:
		s := make([]string, len(v))
		for i, w := range v {
			s[i] = Say(w)
		}
		return strings.Join(s, "; ")
	case core.Size:
		return Megabytes(int64(v))
	case error:
		return errorWords(v)
	case int:
		return Number(v)
	case int64:
		return Number(int(v))
	case string:
		return StoredText(v)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// Megabytes says a size as core.Megabytes does, in the language in use:
// "4,2 Mo", "15 МБ".
func Megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	size := Decimal(mb, 0)
	if mb < 10 && mb != float64(int64(mb)) {
		size = Decimal(mb, 1)
	}
	return lang.L("{{.Size}} MB", map[string]any{"Size": size})
}

// SaySentence is w said as a sentence in the language in use: a capital
// first, unless it starts with a name (a file, a host), and a full stop.
func SaySentence(w *core.Words) string {
	if startsWithName(w) {
		return Sentence(Say(w))
	}
	return Sentence(Capitalize(Say(w)))
}

// startsWithName reports whether w's sentence starts with a name (a file,
// a host), which keeps its case at the start of a sentence.
func startsWithName(w *core.Words) bool {
	for _, f := range []string{"{{.File}}", "{{.Path}}", "{{.Host}}", "{{.Address}}", "{{.URL}}"} {
		if strings.HasPrefix(w.Text, f) {
			return true
		}
	}
	return false
}

// outerWords is the Words errorWords says for err, nil when it says
// something else.
func outerWords(err error) *core.Words {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e := e.(type) {
		case *core.Words:
			return e
		case *core.RemoteError:
			if e.Action == "" {
				return e.Words
			}
			return nil
		}
	}
	return nil
}

// errorWords is err in words of the language in use, as they go inside a
// sentence: what core or an integration said with Words or a RemoteError,
// whichever wraps the other; anything else as it is, less package
// prefixes.
func errorWords(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch e := e.(type) {
		case *core.Words:
			return Say(e)
		case *core.RemoteError:
			msg := ChannelText(e.Message)
			if e.Words != nil {
				msg = Say(e.Words)
			}
			if e.Action != "" {
				msg = strings.TrimSuffix(msg, ".") + ": " + ChannelText(e.Action)
			}
			return msg
		}
	}
	// A join of several (Unwrap() []error) or a chain without either.
	if w := core.AsWords(err); w != nil {
		return Say(w)
	}
	if re := core.AsRemote(err); re != nil {
		return errorWords(re)
	}
	return StoredText(StripPrefixes(err.Error()))
}

// StoredText is a sentence core wrote in English and kept (an account's
// status, why a post failed) in the language in use: a fixed sentence of
// kit's translations, or one made from a template of them with its
// fields, which are said in the language in turn. Anything else (a
// remote's own words) is returned as it is.
func StoredText(s string) string {
	if s == "" {
		return s
	}
	if ChannelText(s) != s {
		return ChannelText(s)
	}
	if storedFixed()[s] {
		return lang.L(s)
	}
	for _, p := range storedPatterns() {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		data := make(map[string]any, len(p.fields))
		count := 0
		for i, f := range p.fields {
			v := m[i+1]
			if f == "Count" {
				count, _ = strconv.Atoi(v)
				data[f] = Number(count)
				continue
			}
			data[f] = StoredText(v)
		}
		if p.plural {
			return lang.N(p.key, count, data)
		}
		return lang.L(p.key, data)
	}
	return s
}

type storedPattern struct {
	key    string
	plural bool
	re     *regexp.Regexp
	fields []string
	fixed  int // letters outside the fields: the more, the more specific
}

// storedFixed are the sentences of kit's English translations without
// fields, which core keeps as they are (Say with no field).
var storedFixed = sync.OnceValue(func() map[string]bool {
	fixed := map[string]bool{}
	for k, v := range kitEnglish() {
		if s, ok := v.(string); ok && !strings.Contains(s, "{{") {
			fixed[k] = true
		}
	}
	return fixed
})

var kitEnglish = sync.OnceValue(func() map[string]any {
	data, err := assets.Translations.ReadFile(assets.TranslationsDir + "/kit.en.json")
	if err != nil {
		return nil
	}
	var raw map[string]any
	if json.Unmarshal(data, &raw) != nil {
		return nil
	}
	return raw
})

var fieldRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// storedPatterns are the templates of kit's English translations (each
// plural form of a plural key) as regular expressions, the most specific
// first.
var storedPatterns = sync.OnceValue(func() []storedPattern {
	raw := kitEnglish()
	var out []storedPattern
	add := func(key, text string, plural bool) {
		locs := fieldRE.FindAllStringSubmatchIndex(text, -1)
		if len(locs) == 0 {
			return
		}
		var re strings.Builder
		var fields []string
		re.WriteString("^")
		last, fixed := 0, 0
		for _, l := range locs {
			re.WriteString(regexp.QuoteMeta(text[last:l[0]]))
			fixed += len(strings.TrimSpace(text[last:l[0]]))
			fields = append(fields, text[l[2]:l[3]])
			if text[l[2]:l[3]] == "Count" {
				re.WriteString(`([0-9]+)`)
			} else {
				re.WriteString(`(.+?)`)
			}
			last = l[1]
		}
		re.WriteString(regexp.QuoteMeta(text[last:]))
		fixed += len(strings.TrimSpace(text[last:]))
		re.WriteString("$")
		if fixed < 2 { // "{{.A}}" would match anything
			return
		}
		out = append(out, storedPattern{key: key, plural: plural, re: regexp.MustCompile(re.String()), fields: fields, fixed: fixed})
	}
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			add(k, v, false)
		case map[string]any:
			for _, form := range v {
				if s, ok := form.(string); ok {
					add(k, s, len(v) > 1)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].fixed != out[j].fixed {
			return out[i].fixed > out[j].fixed
		}
		return out[i].key < out[j].key
	})
	return out
})
