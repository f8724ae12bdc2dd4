package mailparse

import "testing"

// BenchmarkParse parses every corpus message once per iteration; the
// MB/s figure is raw message bytes per second.
func BenchmarkParse(b *testing.B) {
	var msgs [][]byte
	var total int64
	for _, path := range corpus(b) {
		raw := readFile(b, path)
		msgs = append(msgs, raw)
		total += int64(len(raw))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range msgs {
			Parse(raw)
		}
	}
}
