package mailparse

import (
	"maps"
	"slices"
	"testing"
)

func TestDecodeTransfer(t *testing.T) {
	tests := []struct {
		name, enc, in, want string
		broken              bool
	}{
		{"base64", "base64", "SGVsbG8s\r\nIHdvcmxkIQ==\r\n", "Hello, world!", false},
		{"base64 without padding", "base64", "SGk", "Hi", false},
		{"base64 blocks concatenated", "base64", "SGk=\r\nSGk=", "HiHi", false},
		{"base64 with garbage", "base64", "SGVs!!bG8=\r\n*** ***", "Hello", true},
		{"base64 cut after six bits", "base64", "SGVsbG8sI", "Hello,", true},
		{"quoted-printable", "quoted-printable", "caf=C3=A9 =\r\nau lait\r\n", "café au lait\n", false},
		{"qp lower-case hex", "quoted-printable", "caf=c3=a9", "café", false},
		{"qp stray equals kept", "quoted-printable", "a=b&c=d =ZZ", "a=b&c=d =ZZ", false},
		{"qp transport spaces dropped", "quoted-printable", "end   \r\nnext", "end\nnext", false},
		{"identity", "identity", "as is", "as is", false},
		{"uuencode", "uuencode", "begin 644 hi.txt\n#:&D*\n`\nend\n", "hi\n", false},
		{"uuencode without begin", "uuencode", "plain text", "plain text", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, broken := decodeTransfer(tt.enc, []byte(tt.in))
			if string(got) != tt.want || broken != tt.broken {
				t.Errorf("got %q broken=%v, want %q broken=%v", got, broken, tt.want, tt.broken)
			}
		})
	}
}

func TestTransferEncodingNames(t *testing.T) {
	tests := map[string]string{
		"7bit": "identity", " 7-bit ": "identity", "8bits": "identity", "8 bit": "identity",
		"Binary": "identity", "": "identity", "quoted printable": "quoted-printable",
		"Quoted-Printable;": "quoted-printable", "BASE64": "base64", "x-uuencode": "uuencode",
		"spam": "spam",
	}
	for in, want := range tests {
		if got := transferEncoding(in); got != want {
			t.Errorf("transferEncoding(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeCharset(t *testing.T) {
	tests := []struct {
		label string
		in    []byte
		want  string
		ok    bool
	}{
		{"KOI8-R", []byte{0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4}, "Привет", true},
		{"windows-1251", []byte{0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2}, "Привет", true},
		{"cp1251", []byte{0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2}, "Привет", true},
		{`"iso-8859-1"`, []byte("caf\xe9"), "café", true},
		{"ISO-2022-JP", []byte("\x1b$B$9$_$^$;$s\x1b(B"), "すみません", true},
		{"ks_c_5601-1987", []byte{0xc5, 0xd7, 0xbd, 0xba, 0xc6, 0xae}, "테스트", true},
		{"unicode-1-1-utf-7", []byte("Hi Mom -+Jjo--!"), "Hi Mom -☺-!", true},
		{"utf-7", []byte("A+ImIDkQ."), "A≢Α.", true},
		{"utf-7", []byte("1 +- 1"), "1 + 1", true},
		{"utf-8*en", []byte("été"), "été", true},
		{"x-unknown", []byte("caf\xe9"), "caf\uFFFD", false},
	}
	for _, tt := range tests {
		got, ok := decodeCharset(tt.label, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("decodeCharset(%q, %q) = %q, %v; want %q, %v", tt.label, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCharsetAliases keeps the alias table honest: every target decodes.
func TestCharsetAliases(t *testing.T) {
	for from, to := range charsetAliases {
		if !knownCharset(to) {
			t.Errorf("alias %q -> %q: target unknown", from, to)
		}
	}
}

func TestMediaType(t *testing.T) {
	tests := []struct {
		in         string
		wantType   string
		wantParams map[string]string
	}{
		{`text/plain; charset="utf-8"`, "text/plain", map[string]string{"charset": "utf-8"}},
		{`Text/HTML; Charset=ISO-8859-1`, "text/html", map[string]string{"charset": "ISO-8859-1"}},
		{`text/plain; charset=utf-8; charset=koi8-r`, "text/plain", map[string]string{"charset": "utf-8"}},
		{`text/plain; charset="unterminated`, "text/plain", map[string]string{"charset": "unterminated"}},
		{`application/pdf; name=my file.pdf`, "application/pdf", map[string]string{"name": "my file.pdf"}},
		{`attachment; filename*=iso-8859-1''r%E9sum%E9.pdf`, "attachment", map[string]string{"filename": "résumé.pdf"}},
		{`attachment; filename*0*=utf-8''%E3%81%8B; filename*1=.txt`, "attachment", map[string]string{"filename": "か.txt"}},
		{`attachment; filename*=UTF-8''na%C3%AFve.txt`, "attachment", map[string]string{"filename": "naïve.txt"}},
	}
	for _, tt := range tests {
		mt, params := mediaType(tt.in)
		if mt != tt.wantType || !maps.Equal(params, tt.wantParams) {
			t.Errorf("mediaType(%q) = %q %q, want %q %q", tt.in, mt, params, tt.wantType, tt.wantParams)
		}
	}
}

func TestSplitMultipart(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"preamble and epilogue dropped", "pre\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\nepilogue", []string{"\r\none", "\r\ntwo"}},
		{"missing final boundary", "--b\n\none\n--b\n\ntwo\n", []string{"\none", "\ntwo\n"}},
		{"similar boundary is content", "--b\n\none\n--b-c\n--b--\n", []string{"\none\n--b-c"}},
		{"trailing space after boundary", "--b  \n\none\n--b--\t\n", []string{"\none"}},
		{"no boundary at all", "just text", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, _ := splitMultipart([]byte(tt.body), "b", 10)
			got := make([]string, len(parts))
			for i, p := range parts {
				got[i] = string(p)
			}
			if len(got) != len(tt.want) || len(got) > 0 && !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, truncated := splitMultipart([]byte("--b\n\n1\n--b\n\n2\n--b\n\n3\n--b--\n"), "b", 2); !truncated {
		t.Errorf("three parts with a limit of two: want truncated")
	}
}

func TestUnflow(t *testing.T) {
	tests := []struct {
		name, in string
		delsp    bool
		want     string
	}{
		{"soft breaks joined", "one \ntwo \nthree\nnext", false, "one two three\nnext"},
		{"delsp removes the space", "hyphen-\nated", false, "hyphen-\nated"},
		{"delsp joins words", "con \ntinued", true, "continued"},
		{"quotes joined at one depth", "> a \n> b\n>> c", false, "> a b\n>> c"},
		{"quote depth change breaks", "> a \n>> b", false, "> a \n>> b"},
		{"signature separator kept", "-- \nSam", false, "-- \nSam"},
		{"space-stuffed line", " From here", false, "From here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unflow(tt.in, tt.delsp); got != tt.want+"\n" {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
