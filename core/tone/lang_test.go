package tone

import "testing"

// Russian and Bulgarian are told apart by their spellings and function
// words, also in short comments; neighbours read as other.
func TestDetectLang(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Thanks for the meetup!", English},
		{"When is the next one?", English},
		{"Merci pour la rencontre !", French},
		{"C'est quand ?", French},
		{"Très déçu", French},
		{"Спасибо за встречу!", Russian},
		{"Когда следующая встреча?", Russian},
		{"Приложение постоянно вылетает", Russian},
		{"Опять лаги весь день", Russian},
		{"Благодаря за срещата!", Bulgarian},
		{"Кога е следващата среща?", Bulgarian},
		{"Ще дойда около обяд.", Bulgarian},
		{"Пътят до залата е дълъг", Bulgarian},
		{"Шофьорът закъсня", Bulgarian},
		{"Дякую за зустріч, було чудово!", Other},   // Ukrainian
		{"Хвала на сусрету, било је сјајно", Other}, // Serbian
		{"Vielen Dank für das tolle Treffen, es war wunderbar!", Other},
		{"Muchas gracias por la reunión, fue genial", Other},
		{"こんにちは", Other},
		{"👍 12345", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DetectLang(tt.text); got != tt.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
