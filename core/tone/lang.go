package tone

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/hearthhq/hearth/core/wordform"
)

// The languages Hearth tells apart; every other is Other.
const (
	English   = "en"
	French    = "fr"
	Russian   = "ru"
	Bulgarian = "bg"
	Other     = "other"
)

// sampleRunes is how much of a text the detector reads: a mail's language
// shows in its first lines, and trigram detection costs by length.
const sampleRunes = 300

// Candidates per script for the trigram detector. Neighbours of our four
// languages are listed so that a Ukrainian or Spanish message reads
// "other" instead of being forced into the nearest of the four.
var (
	latinLangs = whitelist(whatlanggo.Eng, whatlanggo.Fra, whatlanggo.Deu, whatlanggo.Spa,
		whatlanggo.Ita, whatlanggo.Por)
	cyrillicLangs = whitelist(whatlanggo.Rus, whatlanggo.Bul, whatlanggo.Ukr, whatlanggo.Srp,
		whatlanggo.Mkd, whatlanggo.Bel)
	ourLangs = map[whatlanggo.Lang]string{whatlanggo.Eng: English, whatlanggo.Fra: French,
		whatlanggo.Rus: Russian, whatlanggo.Bul: Bulgarian}
)

func whitelist(langs ...whatlanggo.Lang) whatlanggo.Options {
	o := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for _, l := range langs {
		o.Whitelist[l] = true
	}
	return o
}

// DetectLang returns the language of text: en, fr, ru, bg or other, or ""
// when it has no words to tell by. Words typical of one language (and
// letters only Russian or only French writes) decide first: they are
// right on the short comments where trigrams are not. The trigram
// detector (whatlanggo) decides the rest.
func DetectLang(text string) string {
	return detectLang(text, wordform.Fold(sample(text)))
}

// detectLang detects with the sample already folded.
func detectLang(text, folded string) string {
	s := scan(sample(text), sample(folded))
	switch {
	case s.letters == 0:
		return ""
	case s.latin*2 > s.letters:
		return s.latinLang()
	case s.cyrillic*2 > s.letters:
		return s.cyrillicLang()
	}
	return Other
}

func sample(text string) string {
	if len(text) <= sampleRunes {
		return text
	}
	n := 0
	for i := range text {
		if n == sampleRunes {
			return text[:i]
		}
		n++
	}
	return text
}

// scanned counts what the detector looks at in a sample.
type scanned struct {
	text                     string
	letters, latin, cyrillic int
	frLetters                int // àâçèéêëîïôùûÿœ: French, never English
	ruMarks, bgMarks, others int // spellings only Russian, only Bulgarian, or neither writes
	words                    []string
}

func scan(text, folded string) scanned {
	s := scanned{text: text}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		r = unicode.ToLower(r)
		s.letters++
		switch {
		case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
			s.latin++
			if strings.ContainsRune("àâçèéêëîïôùûÿœ", r) {
				s.frLetters++
			}
		case unicode.Is(unicode.Cyrillic, r):
			s.cyrillic++
			switch {
			case strings.ContainsRune("ыэё", r):
				s.ruMarks++
			case strings.ContainsRune("іїєґўјљњџђћѓќѕ", r):
				s.others++ // Ukrainian, Belarusian, Serbian, Macedonian
			}
		}
	}
	if s.letters == 0 {
		return s
	}
	s.words = wordform.Tokens(folded)
	if s.cyrillic > 0 {
		for _, w := range s.words {
			ru, bg := cyrillicSpelling(w)
			s.ruMarks += ru
			s.bgMarks += bg
		}
	}
	return s
}

// cyrillicSpelling counts the spellings in a word that only Russian or
// only Bulgarian writes: Bulgarian writes ь only before о (шофьор) and ъ
// as a vowel (път, България), where Russian writes ъ only before е, ё, ю,
// я (объявление); Russian ends reflexive verbs in -ся, -сь, where
// Bulgarian writes a separate "се", and writes ь anywhere (день, пишешь).
func cyrillicSpelling(w string) (ru, bg int) {
	if strings.HasSuffix(w, "ся") || strings.HasSuffix(w, "сь") {
		ru++
	}
	var prev rune
	for _, r := range w + " " {
		switch prev {
		case 'ь':
			if r == 'о' {
				bg++
			} else {
				ru++
			}
		case 'ъ':
			if !strings.ContainsRune("еюя", r) {
				bg++
			}
		}
		prev = r
	}
	return ru, bg
}

func (s scanned) latinLang() string {
	en, fr := countWords(s.words, enWords), countWords(s.words, frWords)+s.frLetters
	switch {
	case en >= 2 && en >= 3*fr:
		return English
	case fr >= 2 && fr >= 3*en:
		return French
	}
	if l, ok := s.trigrams(latinLangs); ok {
		return l
	}
	switch {
	case en > fr:
		return English
	case fr > en:
		return French
	}
	return Other
}

func (s scanned) cyrillicLang() string {
	if s.others > 0 {
		return Other // Ukrainian, Belarusian, Serbian or Macedonian letters
	}
	ru := countWords(s.words, ruWords) + s.ruMarks
	bg := countWords(s.words, bgWords) + s.bgMarks
	switch {
	case ru > bg:
		return Russian
	case bg > ru:
		return Bulgarian
	}
	if l, ok := s.trigrams(cyrillicLangs); ok {
		return l
	}
	return Russian // the likelier of the two where nothing tells them apart
}

// trigrams asks whatlanggo among candidates; ok is false when it cannot
// tell.
func (s scanned) trigrams(o whatlanggo.Options) (string, bool) {
	info := whatlanggo.DetectWithOptions(s.text, o)
	if info.Lang < 0 {
		return "", false
	}
	if l, ok := ourLangs[info.Lang]; ok {
		return l, true
	}
	return Other, info.IsReliable()
}

func countWords(words []string, set map[string]bool) int {
	n := 0
	for _, w := range words {
		if set[w] {
			n++
		}
	}
	return n
}

// Function words frequent in one language and rare or absent in the
// others it is confused with (folded: no diacritics, ё as е).
var (
	enWords = set(`the and is are was were you your i it this that with for not have has
		thanks thank what when where which who will would can please just my we our they`)
	frWords = set(`le les des est et je tu vous nous pas merci tres avec pour une sont cette
		mais qui quand ou du au aux j qu n c d l etait ete tout ca`)
	ruWords = set(`что это уже был была было были очень спасибо нет есть только
		когда где сейчас тебя меня его её мне вы мы они быть будет если хочу можно нужно
		почему тоже ещё здесь тут`)
	bgWords = set(`бих бихме бихте ще съм си са във със какво защо още сега тук беше бяха няма нищо някой никой
		къде кога този тази това тези благодаря бе вече може мога трябва искам
		ти му ви пак обаче също наистина е се ме че коя кой кое които който която
		нещо всичко всички хора днес утре сме сте време`)
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[wordform.Fold(w)] = true
	}
	return m
}
