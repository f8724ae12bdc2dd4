package core

import (
	"net/mail"
	"strings"
)

// ParsePeople reads a list of e-mail addresses as a person types it in a
// To or Cc field: "Name <a@b>, c@d"; commas or semicolons between them.
// An empty field is an empty list.
func ParsePeople(s string) ([]Person, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ";", ","))
	s = strings.Trim(s, ", ")
	if s == "" {
		return nil, nil
	}
	list, err := mail.ParseAddressList(s)
	if err != nil {
		return nil, Say(`"{{.Typed}}" is not a list of e-mail addresses (write name@example.org, separated by commas)`, "Typed", s).Because(err)
	}
	out := make([]Person, len(list))
	for i, a := range list {
		out[i] = Person{Name: a.Name, Address: a.Address}
	}
	return out, nil
}

// FormatPeople writes people back as ParsePeople reads them.
func FormatPeople(ps []Person) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.Address == "" {
			continue
		}
		parts = append(parts, formatPerson(p))
	}
	return strings.Join(parts, ", ")
}

// formatPerson writes "Name <address>" as a person reads it: names stay
// in their script (net/mail would write RFC 2047 words, =?utf-8?q?...?=),
// quoted only when they hold a character addresses reserve.
func formatPerson(p Person) string {
	name := strings.TrimSpace(p.Name)
	if name == "" {
		return p.Address
	}
	if strings.ContainsAny(name, `()<>[]:;@\,."`) {
		name = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
	}
	return name + " <" + p.Address + ">"
}
