package core

import "testing"

func TestFillWritesForThePerson(t *testing.T) {
	tests := []struct {
		tpl  string
		to   Person
		want string
	}{
		{"Спасибо, {first_name}!", Person{Name: "Анна Смирнова"}, "Спасибо, Анна!"},
		{"Hi {first_name}, see {handle}", Person{Name: "Sam Lee", Handle: "samlee"}, "Hi Sam, see @samlee"},
		{"Hi {first_name}, thanks.", Person{Address: "x@y.z"}, "Hi, thanks."}, // no name: no gap
		{"Bonjour {first_name} !", Person{}, "Bonjour!"},
		{"Merci, {first_name} !", Person{Name: "Claire Dubois"}, "Merci, Claire !"}, // French spacing kept
		{"{first_name}, спасибо", Person{}, "Спасибо"},
		{"Hi {first_name} there", Person{}, "Hi there"},
		{"{name} wrote", Person{Name: " Élodie Marchand "}, "Élodie Marchand wrote"},
		{"a {unknown} stays", Person{Name: "A"}, "a {unknown} stays"},
	}
	for _, tt := range tests {
		if got := Fill(tt.tpl, tt.to); got != tt.want {
			t.Errorf("Fill(%q, %+v) = %q, want %q", tt.tpl, tt.to, got, tt.want)
		}
	}
}

func TestSavedReplyValidate(t *testing.T) {
	for _, r := range DefaultSavedReplies() {
		if err := r.Validate(); err != nil {
			t.Errorf("default %q: %v", r.Name, err)
		}
	}
	bad := []SavedReply{{Name: "", Text: "x"}, {Name: "x", Text: " "}, {Name: "x", Text: "Hi {firstname}"}}
	for _, r := range bad {
		if err := r.Validate(); err == nil {
			t.Errorf("%+v passed", r)
		}
	}
}
