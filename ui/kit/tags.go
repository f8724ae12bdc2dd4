package kit

import "slices"

// EditTags returns tags with tag added or removed, never in place.
func EditTags(tags []string, tag string, add bool) []string {
	out := slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return t == tag })
	if add {
		out = append(out, tag)
	}
	return out
}
