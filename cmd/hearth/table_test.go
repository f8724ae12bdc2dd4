package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
)

// countingWriter counts the writes a command makes to its output: each is
// a system call on a terminal or pipe.
type countingWriter struct {
	strings.Builder
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Builder.Write(p)
}

// A page of 50 hits reaches the terminal in one write, aligned as before
// (tabwriter alone wrote each cell and its padding: 512 writes).
func TestListingsWriteOnce(t *testing.T) {
	now := time.Now()
	var items []core.Item
	var posts []core.Post
	for i := range 50 {
		items = append(items, core.Item{ID: int64(1000 - i), CreatedAt: now.Add(-time.Duration(i) * time.Hour),
			State: core.StateNew, Author: core.Person{Name: fmt.Sprintf("Author %d", i)},
			Subject: strings.Repeat("community ", i%7+1)})
		posts = append(posts, core.Post{ID: int64(i + 1), Text: fmt.Sprintf("Post %d\nmore", i)})
	}
	for _, tc := range []struct {
		name  string
		print func(*countingWriter) error
		lines int
	}{
		{"search and inbox", func(w *countingWriter) error { return printTable(w, items) }, 51},
		{"posts", func(w *countingWriter) error { return printPosts(w, posts) }, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w countingWriter
			if err := tc.print(&w); err != nil {
				t.Fatal(err)
			}
			if w.writes != 1 {
				t.Errorf("%d writes, want 1", w.writes)
			}
			lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
			if len(lines) != tc.lines {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), tc.lines, w.String())
			}
			// Aligned: the second column starts at the same place on every line.
			col := strings.Index(lines[0], "  ") + 2
			for col < len(lines[0]) && lines[0][col] == ' ' {
				col++
			}
			for _, l := range lines {
				if len(l) <= col || l[col-1] != ' ' || l[col] == ' ' {
					t.Fatalf("not aligned at column %d:\n%s", col, w.String())
				}
			}
		})
	}
}
