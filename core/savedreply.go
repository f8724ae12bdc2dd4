package core

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SettingSavedReplies is the workspace setting that holds the saved
// replies as JSON: they travel with the workspace and its backups.
const SettingSavedReplies = "inbox.saved_replies"

// SavedReply is a reply written once and inserted many times; its text may
// hold variables ({first_name}, {name}, {handle}) filled for the person
// answered. Lang ("en", "fr", "ru", "bg"; "" for any) orders the choice.
type SavedReply struct {
	Name string `json:"name"`
	Lang string `json:"lang,omitempty"`
	Text string `json:"text"`
}

// Validate says what is wrong with a saved reply, in words.
func (r SavedReply) Validate() error {
	switch {
	case strings.TrimSpace(r.Name) == "":
		return fmt.Errorf("a saved reply needs a name")
	case strings.TrimSpace(r.Text) == "":
		return fmt.Errorf("the saved reply %q has no text", r.Name)
	}
	if v := UnknownVariable(r.Text); v != "" {
		return fmt.Errorf("the saved reply %q uses %s, which Hearth does not know (use %s)", r.Name, v, strings.Join(VariableNames(), ", "))
	}
	return nil
}

// UnknownVariable is the first variable of a template that Fill does not
// know, as written ("{nom}"); "" when all are known.
func UnknownVariable(template string) string {
	for _, v := range templateVar.FindAllStringSubmatch(template, -1) {
		if _, ok := templateVars[v[1]]; !ok {
			return v[0]
		}
	}
	return ""
}

var templateVar = regexp.MustCompile(`\{([a-z_]+)\}`)

// templateVars fill a template's variables for the person answered.
var templateVars = map[string]func(Person) string{
	"first_name": func(p Person) string { return FirstName(p.Name) },
	"name":       func(p Person) string { return strings.TrimSpace(p.Name) },
	"handle": func(p Person) string {
		if p.Handle != "" {
			return "@" + p.Handle
		}
		return ""
	},
}

// VariableNames lists the variables a saved reply may use, as written.
func VariableNames() []string {
	return []string{"{first_name}", "{name}", "{handle}"}
}

// Fill writes the template for a person; a variable with nothing to say
// (no name known) leaves no gap: "Hi {first_name}," becomes "Hi,".
func Fill(template string, to Person) string {
	const gap = "\x00" // where a variable had nothing to say
	out := templateVar.ReplaceAllStringFunc(template, func(m string) string {
		f, ok := templateVars[m[1:len(m)-1]]
		if !ok {
			return m
		}
		if v := f(to); v != "" {
			return v
		}
		return gap
	})
	if strings.HasPrefix(out, gap) { // "{first_name}, спасибо" -> "Спасибо"
		out = upperFirst(gapAtStart.ReplaceAllString(out, ""))
	}
	out = gapBeforeMark.ReplaceAllString(out, "$1")
	return gapAlone.ReplaceAllString(out, "")
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// A gap and its spaces go; punctuation right after it stays, so only
// what the empty variable left changes ("Bonjour Claire !" keeps its
// French space).
var (
	gapBeforeMark = regexp.MustCompile(" *\x00 *([,.!?;:])")
	gapAlone      = regexp.MustCompile(" *\x00")
	gapAtStart    = regexp.MustCompile("^\x00[,;:]? *")
)

// FirstName is the first word of a name, "" when there is none.
func FirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}

// DefaultSavedReplies are what a new workspace offers, one of each kind
// of answer a community manager writes every day, in the four languages.
func DefaultSavedReplies() []SavedReply {
	return []SavedReply{
		{Name: "Thanks", Lang: "en", Text: "Thank you, {first_name}! We really appreciate it."},
		{Name: "Looking into it", Lang: "en", Text: "Hi {first_name}, thanks for letting us know. We are looking into it and will get back to you soon."},
		{Name: "Merci", Lang: "fr", Text: "Merci beaucoup, {first_name} !"},
		{Name: "On regarde", Lang: "fr", Text: "Bonjour {first_name}, merci pour votre message. Nous regardons et revenons vers vous très vite."},
		{Name: "Спасибо", Lang: "ru", Text: "Спасибо, {first_name}! Нам очень приятно."},
		{Name: "Разбираемся", Lang: "ru", Text: "{first_name}, спасибо, что написали! Уже разбираемся и скоро ответим."},
		{Name: "Благодаря", Lang: "bg", Text: "Благодаря, {first_name}!"},
		{Name: "Проверяваме", Lang: "bg", Text: "Здравейте, {first_name}! Благодарим за съобщението, проверяваме и ще отговорим скоро."},
	}
}
