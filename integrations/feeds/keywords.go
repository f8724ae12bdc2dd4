package feeds

import (
	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/query"
)

// matchKeywords lets an entry in when it mentions one of the watch's
// keywords, each a phrase of the query language: whole words in any case
// and in any of their forms ("встреча" finds "встрече", "hearth" not
// "hearthstone"). No keywords let everything in.
func matchKeywords(it core.Item, keywords []string) bool {
	if len(keywords) == 0 {
		return true
	}
	or := query.Or{Nodes: make([]query.Node, 0, len(keywords))}
	for _, k := range keywords {
		or.Nodes = append(or.Nodes, query.Text{Text: k, Phrase: true})
	}
	return query.Query{Root: or}.Match(query.NewDoc(query.Target{Item: it, Followers: -1}))
}
