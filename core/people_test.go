package core

import (
	"reflect"
	"testing"
)

func TestParsePeople(t *testing.T) {
	tests := []struct {
		in   string
		want []Person
		bad  bool
	}{
		{"", nil, false},
		{"  , ", nil, false},
		{"bob@example.net", []Person{{Address: "bob@example.net"}}, false},
		{"Bob <bob@example.net>, zoe@example.fr", []Person{{Name: "Bob", Address: "bob@example.net"}, {Address: "zoe@example.fr"}}, false},
		{"Зоя Иванова <zoya@example.ru>; a@b.c,", []Person{{Name: "Зоя Иванова", Address: "zoya@example.ru"}, {Address: "a@b.c"}}, false},
		{"bob", nil, true},
		{"bob@example.net, <oops", nil, true},
	}
	for _, tt := range tests {
		got, err := ParsePeople(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("ParsePeople(%q) error = %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if !tt.bad && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParsePeople(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// What FormatPeople writes, ParsePeople reads back unchanged: the composer
// shows the defaults in a field the person may leave alone.
func TestFormatPeopleRoundTrips(t *testing.T) {
	in := []Person{{Name: "Bob Sender", Address: "bob@example.net"}, {Name: "Zoé, the venue", Address: "zoe@example.fr"},
		{Name: `Ann "A" O\'Neil`, Address: "ann@example.ie"}, {Address: "x@y.z"}}
	got, err := ParsePeople(FormatPeople(in))
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Errorf("round trip of %+v = %+v, %v (text %q)", in, got, err, FormatPeople(in))
	}
}

func TestFormatPeopleKeepsNamesReadable(t *testing.T) {
	got := FormatPeople([]Person{{Name: "Зоя Иванова", Address: "zoya@example.ru"}, {Name: "Zoé, the venue", Address: "zoe@example.fr"}})
	if want := `Зоя Иванова <zoya@example.ru>, "Zoé, the venue" <zoe@example.fr>`; got != want {
		t.Errorf("FormatPeople = %s, want %s", got, want)
	}
}
