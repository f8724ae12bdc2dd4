package feeds

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// fetched is one answer of the feed's server.
type fetched struct {
	notModified  bool // 304: nothing changed since the cursor's validators
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// fetch asks for the feed, conditionally when the cursor holds validators
// (ETag, Last-Modified): an unchanged feed costs a 304 and no body.
func (c *Conn) fetch(ctx context.Context, cur cursor) (fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.set.URL, nil)
	if err != nil {
		return fetched{}, classify(ctx, fmt.Errorf("request: %w", err))
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if cur.ETag != "" {
		req.Header.Set("If-None-Match", cur.ETag)
	}
	if cur.LastModified != "" {
		req.Header.Set("If-Modified-Since", cur.LastModified)
	}
	resp, err := c.d.client.Do(req)
	if err != nil {
		return fetched{}, classify(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return fetched{notModified: true}, nil
	}
	if resp.StatusCode/100 != 2 {
		return fetched{}, statusError(resp, c.d.opt.Now())
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.d.opt.MaxBytes+1))
	if err != nil {
		return fetched{}, classify(ctx, err)
	}
	if int64(len(body)) > c.d.opt.MaxBytes {
		return fetched{}, tooLarge(c.d.opt.MaxBytes)
	}
	return fetched{body: body, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, nil
}
