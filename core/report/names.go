package report

import (
	"strings"

	"github.com/hearthhq/hearth/core"
)

// names lists members by name, or says there is nobody.
func names(ms []core.Member, w words) string {
	if len(ms) == 0 {
		return w.L("nobody yet")
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return strings.Join(out, ", ")
}
