package tone

import (
	"testing"
)

// BenchmarkAnalyze reads the tone of 10k messages of the labelled set's
// four languages (the target is over 10k items/s).
func BenchmarkAnalyze(b *testing.B) {
	// Each message alone, then pairs of messages of one language, as a
	// longer comment would be.
	var texts []string
	for i := 0; len(texts) < 10_000; i++ {
		for _, lang := range []string{English, French, Russian, Bulgarian} {
			set := readLabelledCached(b, lang)
			m := set[i%len(set)].text
			if i >= len(set) {
				m += " " + set[(i*7+i/len(set))%len(set)].text
			}
			texts = append(texts, m)
		}
	}
	a := Default()
	b.ResetTimer()
	for b.Loop() {
		for _, s := range texts {
			a.Analyze(s)
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "items/s")
}

var labelledCache = map[string][]labelled{}

func readLabelledCached(b *testing.B, lang string) []labelled {
	if _, ok := labelledCache[lang]; !ok {
		labelledCache[lang] = readLabelled(b, lang)
	}
	return labelledCache[lang]
}
