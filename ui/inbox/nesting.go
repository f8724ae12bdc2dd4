package inbox

import (
	"slices"

	"github.com/hearthhq/hearth/core"
)

// maxDepth caps the indentation: past it replies line up, as on VK, so a
// long exchange does not march off the pane.
const maxDepth = 3

// placed is a message where the conversation shows it: its depth under
// the message it answers.
type placed struct {
	item  core.Item
	depth int
}

// nest orders a VK or X conversation as a tree: each reply right under
// the message it answers (its last thread ref held in the conversation),
// answers in time order, indented one step per level. E-mail stays a flat
// timeline, as mail programs show it; so does a conversation whose refs
// say nothing.
func nest(items []core.Item) []placed {
	out := make([]placed, 0, len(items))
	if len(items) == 0 || items[0].Kind == core.ItemEmail {
		for _, it := range items {
			out = append(out, placed{it, 0})
		}
		return out
	}
	index := make(map[string]int, len(items)) // remote id -> position in items
	for i, it := range items {
		if it.RemoteID != "" {
			index[it.RemoteID] = i
		}
	}
	children := make(map[int][]int, len(items))
	var roots []int
	for i, it := range items {
		p := parentOf(it, index, i)
		if p < 0 {
			roots = append(roots, i)
			continue
		}
		children[p] = append(children[p], i)
	}
	byTime := func(a, b int) int { return items[a].CreatedAt.Compare(items[b].CreatedAt) }
	slices.SortStableFunc(roots, byTime)
	seen := make([]bool, len(items))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		out = append(out, placed{items[i], min(depth, maxDepth)})
		kids := children[i]
		slices.SortStableFunc(kids, byTime)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	// A cycle of refs (never seen, but data is data) leaves items unvisited:
	// they still show, at the top level.
	for i := range items {
		if !seen[i] {
			walk(i, 0)
		}
	}
	return out
}

// parentOf is the position of the message it answers: the nearest of its
// refs (the last) that the conversation holds, other than itself.
func parentOf(it core.Item, index map[string]int, self int) int {
	for j := len(it.ThreadRefs) - 1; j >= 0; j-- {
		if p, ok := index[it.ThreadRefs[j]]; ok && p != self {
			return p
		}
	}
	return -1
}
