package core

import (
	"fmt"
	"strings"
)

// ItemKinds lists every item kind, in the order filters offer them.
var ItemKinds = []ItemKind{ItemEmail, ItemVKPost, ItemVKComment, ItemVKMessage, ItemXMention, ItemXReply, ItemXDM, ItemFeed}

// ParseItemKind validates an item kind given by a person or a file.
func ParseItemKind(s string) (ItemKind, error) {
	names := make([]string, len(ItemKinds))
	for i, k := range ItemKinds {
		if string(k) == s {
			return k, nil
		}
		names[i] = string(k)
	}
	return "", fmt.Errorf("unknown kind %q (want one of %s)", s, strings.Join(names, ", "))
}

// Private reports whether an answer to an item of kind k is read by its
// author alone (e-mail, a VK community message) rather than by everyone.
func (k ItemKind) Private() bool {
	return k == ItemEmail || k == ItemVKMessage || k == ItemXDM
}
