package query

import (
	"strconv"
	"strings"
)

// String renders a node as an S-expression, for tests and logs:
// (and "a" (or from:anna -(tag:x))).
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case nil:
		b.WriteString("()")
	case And:
		list(b, "and", n.Nodes)
	case Or:
		list(b, "or", n.Nodes)
	case Not:
		b.WriteString("-")
		write(b, n.Node)
	case Text:
		b.WriteString(strconv.Quote(n.Text))
		if n.Phrase {
			b.WriteString("p")
		}
		if n.Prefix {
			b.WriteString("*")
		}
	case Field:
		b.WriteString(string(n.Op))
		b.WriteByte(byte(n.Cmp))
		switch {
		case n.Op == OpSentiment || n.Op == OpFollowers:
			b.WriteString(strconv.FormatFloat(n.Num, 'g', -1, 64))
		case n.Op == OpAfter || n.Op == OpBefore:
			b.WriteString(n.Time.Format("2006-01-02T15:04"))
		case n.Op == OpHour:
			b.WriteString(strconv.Itoa(int(n.Num)) + "@" + n.Loc.String())
		case n.Op == OpWeekday:
			b.WriteString(n.Value + "@" + n.Loc.String())
		case n.Op == OpWait:
			b.WriteString(n.Min.String() + ".." + n.Max.String())
		default:
			b.WriteString(strconv.Quote(n.Value))
		}
	}
}

func list(b *strings.Builder, name string, nodes []Node) {
	b.WriteString("(" + name)
	for _, c := range nodes {
		b.WriteByte(' ')
		write(b, c)
	}
	b.WriteByte(')')
}
