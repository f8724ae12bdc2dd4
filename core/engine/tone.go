package engine

import "github.com/hearthhq/hearth/core"

// ToneReader reads the tone of an item's subject and text
// (tone.Analyzer.AnalyzeItem).
type ToneReader func(subject, text string) core.Tone

// readTone gives each new or changed item of a batch its tone before it
// is written, so that it shows with it (and rules can use it). Our own
// messages are read too: a reply's tone belongs in the reports.
func (e *Engine) readTone(items []core.Item) {
	if e.tone == nil {
		return
	}
	for i := range items {
		if items[i].Tone == nil {
			t := e.tone(items[i].Subject, items[i].Text)
			items[i].Tone = &t
		}
	}
}
