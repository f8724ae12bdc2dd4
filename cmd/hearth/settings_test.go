package main

import (
	"strings"
	"testing"
)

// The choice of what becomes of items deleted on their channel is shown,
// set, and refused in words when it is neither keep nor remove.
func TestSettingsDeletedItems(t *testing.T) {
	dir := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return cli(t, "", append([]string{"--data", dir, "--secrets", "file", "settings"}, args...)...)
	}
	if code, out, errs := run(); code != 0 || out != "deleted-items: keep\n" {
		t.Fatalf("settings: exit %d, %q %q; want the default, keep", code, out, errs)
	}
	if code, out, errs := run("deleted-items", "remove"); code != 0 || !strings.Contains(out, "removed") {
		t.Fatalf("set remove: exit %d, %q %q", code, out, errs)
	}
	if code, out, _ := run(); code != 0 || out != "deleted-items: remove\n" {
		t.Errorf("after setting remove: exit %d, %q", code, out)
	}
	if code, _, errs := run("deleted-items", "sometimes"); code != 2 || !strings.Contains(errs, `"keep" or "remove"`) {
		t.Errorf("a bad value: exit %d, %q; want usage exit 2 naming the choices", code, errs)
	}
}
