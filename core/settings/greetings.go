package settings

import (
	"context"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

// GreetingLanguages are the languages a greeting template is kept in; a
// newcomer is greeted in theirs, in English when it is none of these.
var GreetingLanguages = []string{"en", "fr", "ru", "bg"}

// DefaultGreetings are the welcome messages of a new workspace, with the
// variables of core.Fill.
func DefaultGreetings() map[string]string {
	return map[string]string{
		"en": "Hi {first_name}, welcome to the community! Glad to have you here. Tell us what brought you, and ask anything: we answer every message.",
		"fr": "Bonjour {first_name}, bienvenue dans la communauté ! Ravis de vous compter parmi nous. Dites-nous ce qui vous amène et posez toutes vos questions : nous répondons à chaque message.",
		"ru": "{first_name}, добро пожаловать в сообщество! Рады, что вы с нами. Расскажите, что вас привело, и спрашивайте что угодно: мы отвечаем на каждое сообщение.",
		"bg": "Здравейте, {first_name}, добре дошли в общността! Радваме се, че сте с нас. Разкажете ни какво ви доведе и питайте каквото искате: отговаряме на всяко съобщение.",
	}
}

// Greetings returns the greeting template of each language, the default
// where none is saved.
func (s *Service) Greetings(ctx context.Context) (map[string]string, error) {
	saved := map[string]string{}
	err := s.readJSON(ctx, keyGreetings, &saved)
	out := DefaultGreetings()
	for _, l := range GreetingLanguages {
		if t := strings.TrimSpace(saved[l]); t != "" && core.UnknownVariable(t) == "" {
			out[l] = t
		}
	}
	return out, err
}

// Greeting is the template for a newcomer who writes lang; English when
// Hearth keeps none in that language.
func (s *Service) Greeting(ctx context.Context, lang string) (string, error) {
	all, err := s.Greetings(ctx)
	if t, ok := all[lang]; ok {
		return t, err
	}
	return all["en"], err
}

// GreetingError is a template refused, with its language, so a screen can
// say it next to that template.
type GreetingError struct {
	Lang string
	Err  error
}

func (e *GreetingError) Error() string {
	return fmt.Sprintf("settings: the %s greeting: %v", e.Lang, e.Err)
}

func (e *GreetingError) Unwrap() error { return e.Err }

// SetGreetings saves the templates of the languages given (the others keep
// theirs); an empty template or an unknown variable refuses them all.
func (s *Service) SetGreetings(ctx context.Context, templates map[string]string) error {
	all, err := s.Greetings(ctx)
	if err != nil {
		return err
	}
	for _, l := range GreetingLanguages {
		t, ok := templates[l]
		if !ok {
			continue
		}
		t = strings.TrimSpace(t)
		switch v := core.UnknownVariable(t); {
		case t == "":
			return &GreetingError{Lang: l, Err: fmt.Errorf("a greeting cannot be empty")}
		case v != "":
			return &GreetingError{Lang: l, Err: fmt.Errorf("%s is not a variable Hearth knows (use %s)", v, strings.Join(core.VariableNames(), ", "))}
		}
		all[l] = t
	}
	for l := range templates {
		if _, ok := all[l]; !ok {
			return &GreetingError{Lang: l, Err: fmt.Errorf("greetings are kept in %s only", strings.Join(GreetingLanguages, ", "))}
		}
	}
	return s.writeJSON(ctx, keyGreetings, all)
}
