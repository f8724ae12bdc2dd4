package members

import "strings"

// newcomerPhrases are what people write, in English, French, Russian and
// Bulgarian, when they introduce themselves as new: whole words, in the
// form words() gives (lower case, ё read as е, hyphens as spaces). A bare
// "first time" is left out: "the first time I launched it" is a bug
// report, not an introduction.
var newcomerPhrases = strings.Split(strings.Join([]string{
	// English
	"i'm new|i am new|im new|new here|new to the group|new to the community|new to this group|" +
		"new to this community|new member|newbie|newcomer|just joined|first time here|" +
		"first time posting|first time writing|first time commenting|my first post|my first message",
	// French
	"je suis nouveau|je suis nouvelle|suis nouveau ici|suis nouvelle ici|nouveau ici|nouvelle ici|" +
		"nouveau dans le groupe|nouvelle dans le groupe|nouveau membre|nouvelle membre|" +
		"je viens d'arriver|je viens de rejoindre|première fois ici|premiere fois ici|" +
		"mon premier message|mon premier post",
	// Russian
	"я новенький|я новенькая|новенький|новенькая|новичок|новичек|я новый|я новая|я здесь новый|" +
		"я здесь новая|я тут новый|я тут новая|впервые здесь|впервые пишу|первый раз здесь|" +
		"первый раз пишу|только что вступил|только что вступила|только вступил|только вступила|" +
		"недавно вступил|недавно вступила",
	// Bulgarian
	"тук съм нов|тук съм нова|нов съм|нова съм|аз съм нов|аз съм нова|нов член|нова членка|" +
		"новак|новачка|за първи път тук|за първи път пиша|първи път пиша|" +
		"току що се присъединих|наскоро се присъединих",
}, "|"), "|")

// negators turn a phrase just after them around ("not new here").
var negators = map[string]bool{"not": true, "no": true, "never": true, "pas": true, "не": true, "ни": true}

// SaysNew reports whether a message introduces its author as new to the
// community ("I'm new here", "je suis nouvelle", "я новенький", "тук съм
// нов"), not when the phrase is denied ("I'm not new here").
func SaysNew(text string) bool {
	text = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'").Replace(text)
	ws := words(text)
	for i, w := range ws {
		if negators[w] {
			continue
		}
		for _, p := range newcomerPhrases {
			pw := strings.Fields(p)
			if i+len(pw) > len(ws) || !equalWords(ws[i:i+len(pw)], pw) {
				continue
			}
			if i > 0 && negators[ws[i-1]] {
				continue
			}
			return true
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
