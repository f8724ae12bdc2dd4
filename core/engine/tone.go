package engine

import "github.com/hearthhq/hearth/core"

// ToneReader reads the tone of an item's subject and text
// (tone.Analyzer.AnalyzeItem).
type ToneReader func(subject, text string) core.Tone
