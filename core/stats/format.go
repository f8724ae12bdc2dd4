package stats

import (
	"fmt"
	"math"
	"strings"
)

// Format writes a KPI's value the way every screen and report shows it:
// counts as whole numbers, shares as percents, times in hours and
// minutes, sentiment with its sign; a dash when there is nothing to
// measure (no reply has no median, no analysed message no mean).
func Format(key string, v Value) string {
	if !v.Known {
		return "—"
	}
	switch Unit(key) {
	case "share":
		return fmt.Sprintf("%.0f%%", v.Num*100)
	case "seconds":
		return Duration(v.Num)
	case "number":
		if key == "sentiment_mean" { // -1 to 1: tenths would hide most moves
			return fmt.Sprintf("%+.2f", v.Num)
		}
		return fmt.Sprintf("%.1f", v.Num)
	}
	if key == "audience_change" && v.Num != 0 { // a change reads with its sign
		return fmt.Sprintf("%+.0f", v.Num)
	}
	return fmt.Sprintf("%.0f", v.Num)
}

// Duration writes seconds as "45 s", "20 min", "1 h 05 min" or "2 d 17 h".
func Duration(sec float64) string {
	s := int64(math.Round(sec))
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s < 3600:
		return fmt.Sprintf("%d min", s/60)
	case s < 86400:
		return fmt.Sprintf("%d h %02d min", s/3600, s%3600/60)
	}
	return fmt.Sprintf("%d d %d h", s/86400, s%86400/3600)
}

// FormatChange writes how a KPI moved against the previous period: "+3
// (+12%)", "−1 h 05 min", "+1 pt", "+3 pts", "no change"; empty when
// either is unknown.
func FormatChange(cur, prev KPIs, key string) string {
	diff, rel, ok := cur.Change(prev, key)
	if !ok {
		return ""
	}
	if Negligible(key, diff) {
		return "no change"
	}
	sign := "+"
	if diff < 0 {
		sign = "−"
	}
	var abs string
	switch Unit(key) {
	case "share":
		pts := math.Round(math.Abs(diff) * 100)
		if pts == 1 {
			return sign + "1 pt"
		}
		return fmt.Sprintf("%s%.0f pts", sign, pts)
	case "seconds":
		abs = Duration(math.Abs(diff))
	case "number":
		abs = fmt.Sprintf("%.1f", math.Abs(diff))
		if key == "sentiment_mean" {
			abs = fmt.Sprintf("%.2f", math.Abs(diff))
		}
	default:
		abs = fmt.Sprintf("%.0f", math.Abs(diff))
	}
	if math.Round(math.Abs(rel)*100) == 0 { // none, or under half a percent: not "(−0%)"
		return sign + abs
	}
	return fmt.Sprintf("%s%s (%s%.0f%%)", sign, abs, sign, math.Abs(rel)*100)
}

// Better says whether a change of the KPI is good news (more members,
// faster replies), for the colour of a tile's change; 0 when neither.
func Better(key string, diff float64) int {
	if Negligible(key, diff) {
		return 0
	}
	worse := strings.HasSuffix(key, "_seconds") || key == "dead_souls" || key == "members_drifting" ||
		key == "members_left" || key == "plan_failed" || key == "quadrant_moved_down" || key == "sentiment_negative_share" ||
		key == "abusive_items"
	if (diff > 0) != worse {
		return 1
	}
	return -1
}

// Negligible says whether a KPI's change reads as none where it is
// written: a share moved by less than half a point ("+0 pts"), a mean
// sentiment by less than 0.005, an engagement by less than 0.05, a time
// by less than half a second. Such a change is "no change", neither good
// nor bad news.
func Negligible(key string, diff float64) bool {
	scale := 1.0
	switch Unit(key) {
	case "share":
		scale = 100
	case "number":
		scale = 10
		if key == "sentiment_mean" {
			scale = 100
		}
	}
	return math.Round(math.Abs(diff)*scale) == 0
}
