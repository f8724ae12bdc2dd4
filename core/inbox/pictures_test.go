package inbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/inbox"
)

// countingFetcher stands in for the web: it counts what it is asked.
type countingFetcher struct {
	fetched []string
	cached  map[string]string
}

func (f *countingFetcher) Fetch(_ context.Context, url string) (string, error) {
	f.fetched = append(f.fetched, url)
	f.cached[url] = "/cache/" + url
	return f.cached[url], nil
}

func (f *countingFetcher) Cached(url string) string { return f.cached[url] }

// Nothing is fetched by looking: only LoadPicture asks the web, once; a
// picture that is no remote one is refused.
func TestPicturesFetchOnlyWhenAsked(t *testing.T) {
	_, st, _, mail := setup(t, `{}`)
	ctx := context.Background()
	aid, err := st.CreateAccount(ctx, core.Account{Kind: core.KindVK, Name: "vk"})
	if err != nil {
		t.Fatal(err)
	}
	photo := core.Attachment{Name: "photo1_2.jpg", MIMEType: "image/jpeg", URL: "https://sun9.example/p.jpg", Width: 1280, Height: 960}
	if _, err := st.ApplyBatch(ctx, aid, core.Batch{Items: []core.Item{{Kind: core.ItemVKComment, RemoteID: "c1",
		Author: core.Person{Name: "Анна", Address: "101"}, Text: "Стол", CreatedAt: time.Now(), State: core.StateNew,
		Attachments: []core.Attachment{photo}}}}); err != nil {
		t.Fatal(err)
	}
	vk, err := st.ItemByRemoteID(ctx, aid, "c1")
	if err != nil {
		t.Fatal(err)
	}
	f := &countingFetcher{cached: map[string]string{}}
	pics := inbox.NewPictures(inbox.PicturesParams{Store: st, Fetcher: f})
	if p, err := pics.CachedPicture(ctx, vk.ID, 0); err != nil || p != "" || len(f.fetched) != 0 {
		t.Fatalf("cached before loading: %q, %v, %d fetches", p, err, len(f.fetched))
	}
	for range 2 {
		if p, err := pics.LoadPicture(ctx, vk.ID, 0); err != nil || p == "" {
			t.Fatalf("load: %q, %v", p, err)
		}
	}
	if len(f.fetched) != 1 || f.fetched[0] != photo.URL {
		t.Fatalf("fetched %v, want the photo once", f.fetched)
	}
	if _, err := pics.LoadPicture(ctx, vk.ID, 1); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("an attachment past the last: %v, want not found", err)
	}
	if _, err := pics.LoadPicture(ctx, mail.ID, 0); err == nil {
		t.Error("a message without pictures loaded one")
	}
	if _, err := pics.AttachmentData(ctx, vk.ID, 0); !errors.Is(err, inbox.ErrNoPicture) {
		t.Errorf("a VK photo read as an e-mail part: %v", err)
	}
	if inbox.SenderOf(vk) != "vk:101" || inbox.SenderOf(mail) != "" {
		t.Errorf("senders %q and %q, want vk:101 and none for an e-mail", inbox.SenderOf(vk), inbox.SenderOf(mail))
	}
}
