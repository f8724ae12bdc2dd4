package wordform

// StemBulgarian strips the inflection of a lower-case Bulgarian word: the
// definite article (-ът, -та, -то, -те, -ят, -ия, -ият), the plural (-ове,
// -ища, -и with its consonant changes к/ц, г/з, х/с) and a final vowel. It
// follows the rules of J. Savoy's light stemmer for Bulgarian ("Searching
// strategies for the Bulgarian language", Information Retrieval 10, 2007):
// light stemming suits search, where cutting too deep joins unrelated words.
// Words of fewer than four letters are kept whole. Unlike Savoy's, it does
// not turn -е-и into -я- (бял / бели): that joined far more words wrongly
// (приятели became "приятял", apart from приятел).
func StemBulgarian(word string) string {
	w := []rune(word)
	if len(w) < 4 {
		return word
	}
	if len(w) > 5 && hasSuffix(w, "ища") {
		return string(w[:len(w)-3])
	}
	w = bgArticle(w)
	w = bgPlural(w)
	if len(w) > 3 {
		if hasSuffix(w, "я") {
			w = w[:len(w)-1]
		}
		if hasSuffix(w, "а") || hasSuffix(w, "о") || hasSuffix(w, "е") {
			w = w[:len(w)-1]
		}
	}
	// A vowel that appears only in some forms (ден / дни, вятър / ветрове):
	// -ен and -ъC lose it, so all forms share one stem.
	switch n := len(w); {
	case n > 4 && hasSuffix(w, "ен"):
		w = append(w[:n-2], 'н')
	case n > 5 && w[n-2] == 'ъ':
		w = append(w[:n-2], w[n-1])
	}
	return string(w)
}

// bgArticle removes the definite article.
func bgArticle(w []rune) []rune {
	n := len(w)
	switch {
	case n > 6 && hasSuffix(w, "ият"):
		return w[:n-3]
	case n > 5 && hasAnySuffix(w, "ът", "то", "те", "та", "ия"):
		return w[:n-2]
	case n > 4 && hasSuffix(w, "ят"):
		return w[:n-2]
	}
	return w
}

// bgPlural removes the plural ending, undoing the consonant changes the
// plural makes (ученик / ученици, бряг / брегове, монах / монаси).
func bgPlural(w []rune) []rune {
	n := len(w)
	switch {
	case n > 6 && hasSuffix(w, "овци"):
		return append(w[:n-4], 'о') // дядовци -> дядо
	case n > 6 && hasSuffix(w, "ове"):
		return w[:n-3]
	case n > 6 && hasSuffix(w, "еве"):
		return append(w[:n-3], 'й') // краеве -> край
	case n > 5 && hasSuffix(w, "ища"):
		return w[:n-3]
	case n > 5 && hasSuffix(w, "та"):
		return w[:n-2]
	case n > 5 && hasSuffix(w, "ци"):
		return append(w[:n-2], 'к')
	case n > 5 && hasSuffix(w, "зи"):
		return append(w[:n-2], 'г')
	case n > 4 && hasSuffix(w, "си"):
		return append(w[:n-2], 'х')
	case n > 4 && hasSuffix(w, "и"):
		return w[:n-1]
	}
	return w
}

func hasSuffix(w []rune, suffix string) bool {
	s := []rune(suffix)
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == suffix
}

func hasAnySuffix(w []rune, suffixes ...string) bool {
	for _, s := range suffixes {
		if hasSuffix(w, s) {
			return true
		}
	}
	return false
}
