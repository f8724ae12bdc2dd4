package stats_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core/stats"
)

var update = flag.Bool("update", false, "rewrite docs/metrics.md")

// docs/metrics.md is generated from the definitions the tooltips show, so
// the two never disagree.
func TestMetricsDoc(t *testing.T) {
	const path = "../../docs/metrics.md"
	want := stats.MetricsMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is not what core/stats/metrics.go defines: run go test ./core/stats -run TestMetricsDoc -update", path)
	}
}

func TestEveryMetricDefined(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range stats.Metrics {
		if seen[m.Key] || m.Name == "" || len(m.Help) < 20 || strings.ToLower(m.Key) != m.Key {
			t.Errorf("metric %+v: duplicate, unnamed or undefined", m)
		}
		seen[m.Key] = true
	}
	for _, key := range []string{"items_in", "items_out", "members_total", "members_active", "members_new", "dead_souls",
		"ugc_share", "sentiment_negative_share", "first_response_median_seconds", "posts_published", "engagement_per_post"} {
		if stats.Help(key) == "" {
			t.Errorf("%s has no definition", key)
		}
	}
}
