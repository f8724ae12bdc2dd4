package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/hearthhq/hearth/core/tone"
)

// maxToneInput bounds what `hearth tone` reads: a message, not a book.
const maxToneInput = 1 << 20

// toneJSON is what `hearth tone --json` prints.
type toneJSON struct {
	Language  string  `json:"language"`
	Sentiment float64 `json:"sentiment"`
	Label     string  `json:"label"`
	Abusive   bool    `json:"abusive"`
}

// cmdTone prints the tone of the text on stdin, or imports a lexicon.
func cmdTone(ctx context.Context, g globals, args []string, io stdio) error {
	if len(args) > 0 && args[0] == "import-lexicon" {
		return cmdToneImport(g, args[1:], io)
	}
	fs := newFlags("tone")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("tone reads the text on stdin and takes no argument (got %q)", rest[0])
	}
	text, err := readLimited(io.in, maxToneInput)
	if err != nil {
		return err
	}
	a, err := analyzer(g.data)
	if err != nil {
		return err
	}
	t := a.Analyze(text)
	if *asJSON {
		return writeJSON(io, toneJSON{Language: t.Lang, Sentiment: round3(t.Sentiment), Label: string(t.Label()), Abusive: t.Abusive})
	}
	abuse := ""
	if t.Abusive {
		abuse = " abusive"
	}
	lang := t.Lang
	if lang == "" {
		lang = "-"
	}
	fmt.Fprintf(io.out, "%s %s %.3f%s\n", lang, t.Label(), t.Sentiment, abuse)
	return nil
}

func readLimited(r io.Reader, limit int64) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return "", fmt.Errorf("read stdin: %w", err)
	}
	if int64(len(b)) > limit {
		return "", fmt.Errorf("stdin holds more than %d bytes: tone reads one message", limit)
	}
	return string(b), nil
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// maxLexiconFile bounds an imported lexicon (RuSentiLex is about 1 MB).
const maxLexiconFile = 64 << 20

func capped(r io.Reader, n int64) io.Reader { return io.LimitReader(r, n) }

// lexiconDir holds the lexicons a person imported into a workspace.
func lexiconDir(dataDir string) string { return filepath.Join(dataDir, "lexicons") }

// analyzer is the tone analyzer of a workspace: the bundled lexicons and
// those imported into it.
func analyzer(dataDir string) (*tone.Analyzer, error) {
	entries, err := os.ReadDir(lexiconDir(dataDir))
	if errors.Is(err, fs.ErrNotExist) {
		return tone.Default(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("imported lexicons: %w", err)
	}
	a, err := tone.New()
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		lang := e.Name()[:len(e.Name())-len(filepath.Ext(e.Name()))]
		if filepath.Ext(e.Name()) != ".txt" || !slices.Contains(tone.Lexicons, lang) {
			continue
		}
		f, err := os.Open(filepath.Join(lexiconDir(dataDir), e.Name()))
		if err != nil {
			return nil, fmt.Errorf("imported lexicon: %w", err)
		}
		_, err = a.Import(lang, f, f.Name())
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return a, nil
}

// cmdToneImport converts a lexicon file and keeps it in the workspace,
// where it adds to (and overrides) the bundled lexicon of its language.
func cmdToneImport(g globals, args []string, io stdio) error {
	fs := newFlags("tone import-lexicon")
	lang := fs.String("lang", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || !slices.Contains(tone.Lexicons, *lang) {
		return usagef("tone import-lexicon --lang en|fr|ru|bg FILE")
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf("import lexicon: %w", err)
	}
	defer f.Close()
	out, n, skipped, err := tone.Convert(capped(f, maxLexiconFile))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(lexiconDir(g.data), 0o700); err != nil {
		return fmt.Errorf("import lexicon: %w", err)
	}
	dst := filepath.Join(lexiconDir(g.data), *lang+".txt")
	if err := os.WriteFile(dst, out, 0o600); err != nil {
		return fmt.Errorf("import lexicon: %w", err)
	}
	fmt.Fprintf(io.out, "imported %d entries for %s (%d lines skipped) into %s; items written from now on use them\n", n, *lang, skipped, dst)
	return nil
}
