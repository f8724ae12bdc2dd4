package members

import (
	"strings"
	"unicode"
)

// A small sentiment lexicon for English, Russian and French: word stems
// (matched as prefixes of lower-cased words, ё read as е) that lean
// positive or negative. It is meant to tell warm members from cold ones
// over many messages, not to judge one sentence.
var (
	positiveStems = strings.Fields(`
		thank thx love great awesome amazing excellent wonderful fantastic perfect brilliant
		enjoy happy glad cool nice beautiful best helpful appreciate kudos bravo congrat welcome
		спасиб благодар отличн прекрасн замечательн класс супер круто крут люблю нравит рад
		здоров восхитит чудесн лучш молодц браво ура поздравл
		merci génial genial super excellent parfait magnifique bravo adore aime content
		heureu formidable chouette félicit felicit top sympa`)
	negativeStems = strings.Fields(`
		bad awful terrible horrible hate worst disappoint broken useless angry annoy scam
		refund stupid sucks ugly fail poor rude shame waste
		плох ужасн отвратит ненавиж разочар сломал бесполезн злой зли бесит обман
		верните позор хуж отстой кошмар жаль
		nul mauvais horrible déçu decu deçu décevant decevant honte arnaque pire
		cassé casse inutile énerv enerv déteste deteste catastroph remboursez`)
	negations = map[string]bool{"not": true, "no": true, "never": true, "не": true, "нет": true,
		"ни": true, "pas": true, "jamais": true, "don't": true, "isn't": true}
)

// Rate says whether a text reads positive (1), negative (-1) or neither
// (0), by counting lexicon words; a negation just before a word turns it.
func Rate(text string) int {
	score := 0
	words := words(text)
	for i, w := range words {
		v := lean(w)
		if v != 0 && i > 0 && negations[words[i-1]] {
			v = -v
		}
		score += v
	}
	switch {
	case score > 0:
		return 1
	case score < 0:
		return -1
	}
	return 0
}

func lean(word string) int {
	if len(word) < 3 {
		return 0
	}
	for _, s := range positiveStems {
		if strings.HasPrefix(word, s) {
			return 1
		}
	}
	for _, s := range negativeStems {
		if strings.HasPrefix(word, s) {
			return -1
		}
	}
	return 0
}

// words splits text into lower-cased words, keeping apostrophes inside
// them ("don't") and reading ё as е.
func words(text string) []string {
	text = strings.ReplaceAll(strings.ToLower(text), "ё", "е")
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}
