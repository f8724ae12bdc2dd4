package tone

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Convert turns a sentiment lexicon a person brings (one that may not ship
// with Hearth, such as RuSentiLex or KartaSlovSent, which are CC BY-NC)
// into the lexicon format of Hearth, for Import. It reads, one entry a
// line:
//   - Hearth's own format (s хороший 2), kept as is;
//   - a term and a score, separated by a tab, ';' or ','; scores within
//     [-1, 1] or [-2, 2] are stretched to VADER's [-4, 4] scale by 3 or 1.5;
//   - RuSentiLex's "term, part of speech, lemma, sentiment, source": the
//     positive and negative lemmas, at 2 and -2.
//
// Lines it cannot read are skipped and counted; it fails only when it
// reads nothing at all.
func Convert(r io.Reader) (out []byte, entries, skipped int, err error) {
	type scored struct {
		term  string
		score float64
	}
	var (
		buf    bytes.Buffer
		raw    []scored
		maxAbs float64
	)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	probe := newLexicon("ru")
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "!") {
			continue
		}
		if _, err := probe.parseLine(line); err == nil {
			buf.WriteString(line + "\n")
			entries++
			continue
		}
		if term, label, ok := ruSentiLex(line); ok {
			if label != 0 {
				fmt.Fprintf(&buf, "s %s %g\n", term, 2*label)
				entries++
			}
			continue
		}
		term, score, ok := termScore(line)
		if !ok {
			skipped++
			continue
		}
		raw = append(raw, scored{term, score})
		maxAbs = max(maxAbs, math.Abs(score))
	}
	if err := sc.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("tone: convert: %w", err)
	}
	stretch := 1.0
	switch {
	case maxAbs <= 1:
		stretch = 3
	case maxAbs <= 2:
		stretch = 1.5
	}
	for _, s := range raw {
		if w := max(-4, min(4, s.score*stretch)); w != 0 {
			fmt.Fprintf(&buf, "s %s %.3g\n", s.term, w)
			entries++
		}
	}
	if entries == 0 {
		return nil, 0, skipped, fmt.Errorf("tone: convert: no entry found (%d lines not understood): want lines such as \"хороший;0.8\" or \"s хороший 2\"", skipped)
	}
	return buf.Bytes(), entries, skipped, nil
}

// ruSentiLex reads "term, pos, lemma, sentiment, source[, ...]": label is
// 1, -1, or 0 for neutral and ambiguous entries.
func ruSentiLex(line string) (term string, label float64, ok bool) {
	f := strings.Split(line, ",")
	if len(f) < 5 {
		return "", 0, false
	}
	switch strings.TrimSpace(f[3]) {
	case "positive":
		label = 1
	case "negative":
		label = -1
	case "neutral", "positive/negative":
	default:
		return "", 0, false
	}
	return strings.TrimSpace(f[2]), label, strings.TrimSpace(f[2]) != ""
}

// termScore reads "term<sep>score[<sep>...]" with the first number after
// the term as its score.
func termScore(line string) (string, float64, bool) {
	for _, sep := range []string{"\t", ";", ","} {
		f := strings.Split(line, sep)
		if len(f) < 2 {
			continue
		}
		term := strings.TrimSpace(f[0])
		for _, v := range f[1:] {
			if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && term != "" {
				return term, n, true
			}
		}
	}
	return "", 0, false
}
