package mailparse

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-message/textproto"
)

// date reads the Date header, leniently; failing that, the date of the
// latest hop (see latestReceived); failing that, zero and a problem.
func (p *parser) date(h textproto.Header) time.Time {
	v := unfold(h.Get("Date"))
	if t, ok := parseDate(v); ok {
		return t
	}
	t, ok := latestReceived(h.Values("Received"))
	switch {
	case ok && v != "":
		p.problemf("date: cannot read %q; the time the message was received is shown", clip(v, 60))
	case v == "" && !ok:
		p.problemf("date: the message has no date")
	case !ok:
		p.problemf("date: cannot read %q; the message is shown without a date", clip(v, 60))
	}
	return t
}

// latestReceived returns the date of the latest hop: the first Received
// field that has a readable date. Servers add their field on top, so the
// first is the receiving server's own, the one clock a sender cannot set.
func latestReceived(values []string) (time.Time, bool) {
	for _, v := range values {
		i := strings.LastIndexByte(v, ';')
		if i < 0 {
			continue
		}
		if t, ok := parseDate(unfold(v[i+1:])); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDate reads an RFC 5322 date, and when that fails, the variants real
// clients write: missing weekday or seconds, two-digit years, zone names,
// "GMT+0200", asctime order, ISO 8601.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := mail.ParseDate(s); err == nil {
		return fixZoneName(t), true
	}
	var d dateParts
	for _, tok := range dateTokens(s) {
		d.take(tok)
	}
	return d.time()
}

var (
	isoT        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d)T(\d)`) })
	spacedColon = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d)\s*:\s*(\d)`) })
)

// fixZoneName gives a time parsed with a zone name ("EDT") the offset of
// that name. The standard parser takes it from the machine's local zone
// when it knows the name there and uses +0000 otherwise, so the same
// message would get a different time on another machine.
func fixZoneName(t time.Time) time.Time {
	name, _ := t.Zone()
	loc, ok := namedZone(strings.ToLower(name))
	if !ok {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// dateTokens splits a date into words, dropping comments and commas and
// separating ISO 8601 "dateTtime" and times glued to their zone.
func dateTokens(s string) []string {
	s = isoT().ReplaceAllString(strings.ReplaceAll(stripComments(s), ",", " "), "$1 $2")
	s = spacedColon().ReplaceAllString(s, "$1:$2") // "09 : 55 : 06"
	var toks []string
	for _, f := range strings.Fields(s) {
		if i := strings.IndexAny(f, "+-Zz"); i > 0 && strings.Contains(f[:i], ":") {
			toks = append(toks, f[:i], f[i:]) // "14:14:42+0200"
			continue
		}
		toks = append(toks, f)
	}
	return toks
}

// dateParts collects the fields of a lenient date; -1 means not seen.
type dateParts struct {
	year, month, day, hour, min, sec int
	zone                             *time.Location
	pm, am, set                      bool
}

func (d *dateParts) init() {
	if !d.set {
		d.year, d.month, d.day, d.hour, d.min, d.sec = -1, -1, -1, 0, 0, 0
		d.set = true
	}
}

// take interprets one token by its shape.
func (d *dateParts) take(tok string) {
	d.init()
	low := strings.ToLower(strings.TrimSuffix(tok, "."))
	switch {
	case low == "pm" || low == "am":
		d.pm, d.am = low == "pm", low == "am"
	case tok[0] == '+' || tok[0] == '-':
		if loc, ok := numericZone(tok); ok {
			d.zone = loc
		}
	case strings.Contains(tok, ":"):
		d.takeClock(tok)
	case isDigits(tok):
		d.takeNumber(tok)
	case strings.ContainsAny(tok, "-/") && strings.ContainsAny(tok, "0123456789"):
		d.takeDate(tok)
	default:
		if m, ok := months[prefix3(low)]; ok && d.month < 0 && !weekday(low) {
			d.month = m
		} else if loc, ok := namedZone(low); ok {
			d.zone = loc
		}
	}
}

// takeClock reads "hh:mm[:ss[.frac]]", keeping what it can of a damaged one.
func (d *dateParts) takeClock(tok string) {
	nums := make([]int, 0, 3)
	for _, x := range strings.Split(tok, ":") {
		n, err := strconv.Atoi(leadingDigits(x)) // "05.123", or garbage after the minutes
		if err != nil {
			break
		}
		nums = append(nums, n)
	}
	if len(nums) == 0 {
		return
	}
	d.hour, d.min = nums[0], 0
	if len(nums) > 1 {
		d.min = nums[1]
	}
	if len(nums) > 2 {
		d.sec = nums[2]
	}
}

// takeNumber places a bare number: a four-digit or >31 value is the year,
// otherwise the day comes first and the year (two-digit) after it.
func (d *dateParts) takeNumber(tok string) {
	n, _ := strconv.Atoi(tok)
	switch {
	case (len(tok) >= 3 || n > 31) && d.year < 0:
		d.year = n
	case d.day < 0 && n >= 1:
		d.day = n
	case d.year < 0:
		d.year = n
	}
}

// takeDate reads "2004-06-16", "16-Jun-2004", "29-04-2017" and "04/29/2017".
func (d *dateParts) takeDate(tok string) {
	f := strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '/' })
	if len(f) != 3 {
		return
	}
	if m, ok := months[prefix3(strings.ToLower(f[1]))]; ok {
		d.month = m
		d.takeNumber(f[0])
		d.takeNumber(f[2])
		return
	}
	n := make([]int, 3)
	for i, x := range f {
		if !isDigits(x) {
			return
		}
		n[i], _ = strconv.Atoi(x)
	}
	switch {
	case len(f[0]) == 4:
		d.year, d.month, d.day = n[0], n[1], n[2]
	case n[1] > 12: // 04/29/2017
		d.month, d.day, d.year = n[0], n[1], n[2]
	default: // 29-04-2017, the order most of the world writes
		d.day, d.month, d.year = n[0], n[1], n[2]
	}
}

// time assembles and validates the collected fields.
func (d *dateParts) time() (time.Time, bool) {
	d.init()
	year := d.year
	switch {
	case year < 0:
		return time.Time{}, false
	case year < 50:
		year += 2000
	case year < 1000:
		year += 1900 // "99", and "100" from clients that had a Y2K bug
	}
	hour := d.hour
	if d.pm && hour < 12 {
		hour += 12
	} else if d.am && hour == 12 {
		hour = 0
	}
	sec := min(d.sec, 59) // a leap second
	if d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || hour > 23 || d.min > 59 || sec < 0 {
		return time.Time{}, false
	}
	loc := d.zone
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(year, time.Month(d.month), d.day, hour, d.min, sec, 0, loc)
	if t.Day() != d.day {
		return time.Time{}, false // 31 June
	}
	return t, true
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func weekday(low string) bool {
	switch prefix3(low) {
	case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		return true
	}
	return false
}

func prefix3(s string) string {
	if len(s) < 3 {
		return s
	}
	return s[:3]
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// zoneHours gives the offsets of zone names seen in Date headers.
var zoneHours = map[string]float64{
	"ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 1, "cet": 1, "met": 1,
	"west": 1, "cest": 2, "mest": 2, "eet": 2, "eest": 3, "msk": 3, "msd": 4,
	"ist": 5.5, "hkt": 8, "sgt": 8, "jst": 9, "kst": 9, "aest": 10, "aedt": 11,
	"nzst": 12, "nzdt": 13, "hst": -10, "akst": -9, "akdt": -8, "pst": -8,
	"pdt": -7, "mst": -7, "mdt": -6, "cst": -6, "cdt": -5, "est": -5, "edt": -4,
	"ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
}

// namedZone reads a zone name, optionally followed by an offset ("gmt+0200").
func namedZone(low string) (*time.Location, bool) {
	if i := strings.IndexAny(low, "+-"); i > 0 {
		if _, ok := zoneHours[low[:i]]; ok {
			return numericZone(low[i:])
		}
	}
	h, ok := zoneHours[low]
	if !ok {
		return nil, false
	}
	return time.FixedZone(strings.ToUpper(low), int(h*3600)), true
}

// numericZone reads "+0200", "-02:00", "+2" and "+02".
func numericZone(tok string) (*time.Location, bool) {
	sign := 1
	if tok[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(tok[1:], ":", "")
	if !isDigits(digits) || len(digits) > 4 {
		return nil, false
	}
	n, _ := strconv.Atoi(digits)
	h, m := n, 0
	if len(digits) > 2 {
		h, m = n/100, n%100
	}
	if h > 14 || m > 59 {
		return nil, false
	}
	return time.FixedZone("", sign*(h*3600+m*60)), true
}
