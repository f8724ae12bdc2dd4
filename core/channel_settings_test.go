package core

import (
	"encoding/json"
	"testing"
)

// Whatever a person pastes, the clients get a root that ends with a slash
// (a VK method name is appended to it as is).
func TestAPIURLNormalised(t *testing.T) {
	cases := []struct {
		name, in, wantVK, wantX string
	}{
		{"default", "", DefaultVKAPIURL, DefaultXAPIURL},
		{"without the trailing slash", "https://api.vk.com/method", "https://api.vk.com/method/", "https://api.vk.com/method/"},
		{"with it", "https://api.vk.com/method/", "https://api.vk.com/method/", "https://api.vk.com/method/"},
		{"a bare host", "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
		{"spaces around", "  https://vk.example/api/method \n", "https://vk.example/api/method/", "https://vk.example/api/method/"},
		{"a query kept", "https://proxy.example/vk?x=1", "https://proxy.example/vk/?x=1", "https://proxy.example/vk/?x=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vk, err := ParseVKSettings(mustJSON(t, VKSettings{GroupID: 1, APIURL: c.in}))
			if err != nil || vk.APIURL != c.wantVK {
				t.Errorf("VK: %q, %v; want %q", vk.APIURL, err, c.wantVK)
			}
			x, err := ParseXSettings(mustJSON(t, XSettings{APIURL: c.in}))
			if err != nil || x.APIURL != c.wantX {
				t.Errorf("X: %q, %v; want %q", x.APIURL, err, c.wantX)
			}
		})
	}
	if _, err := ParseVKSettings(mustJSON(t, VKSettings{GroupID: 1, APIURL: "http://vk.example/method"})); err == nil {
		t.Errorf("plain http to a remote host was accepted after normalising")
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
