package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/integrations/demo"
	"github.com/hearthhq/hearth/integrations/vk/vkpeer"
)

// publishingWorkspace is a workspace with the VK and X demo peers added as
// channels; it returns their account names.
func publishingWorkspace(t *testing.T) (dir string, vk *demo.VKPeer, x *demo.XPeer, vkName, xName string) {
	t.Helper()
	vk, x = startVKPeer(t), startXPeer(t)
	dir = t.TempDir()
	args, tok := addVKArgs(dir, vk)
	if code, out, errs := cli(t, tok, args...); code != 0 {
		t.Fatalf("account add vk: exit %d\n%s%s", code, out, errs)
	}
	args, keys := addXArgs(dir, x)
	if code, out, errs := cli(t, keys, args...); code != 0 {
		t.Fatalf("account add x: exit %d\n%s%s", code, out, errs)
	}
	vkName, _, _ = vk.Account()
	xName, _, _ = x.Account()
	return dir, vk, x, vkName, xName
}

// schedulePost adds a post due now on the named channels.
func schedulePost(t *testing.T, dir, text, accounts string, extra ...string) {
	t.Helper()
	args := append([]string{"--data", dir, "--secrets", "file", "posts", "add", "--text", text, "--account", accounts,
		"--at", time.Now().UTC().Format(core.WallLayout), "--zone", "UTC"}, extra...)
	if code, out, errs := cli(t, "", args...); code != 0 {
		t.Fatalf("posts add: exit %d\n%s%s", code, out, errs)
	}
}

// onPeers counts the posts with text on each peer.
func onPeers(vk *demo.VKPeer, x *demo.XPeer, text string) (onVK, onX int) {
	for _, p := range vk.Server().Posts() {
		if p.Text == text {
			onVK++
		}
	}
	for _, tw := range x.Server().Tweets() {
		if tw.Text == text {
			onX++
		}
	}
	return onVK, onX
}

// `hearth sync --once` publishes what is due with no window open, says so,
// and publishes nothing again on the next run.
func TestSyncOncePublishesDuePosts(t *testing.T) {
	t.Parallel()
	dir, vk, x, vkName, xName := publishingWorkspace(t)
	text := "Saturday 10:00: the meetup starts, doors open at 9:45."
	schedulePost(t, dir, text, vkName+","+xName)
	for range 2 {
		code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
		if code != 0 {
			t.Fatalf("sync --once: exit %d\n%s%s", code, out, errs)
		}
		if onVK, onX := onPeers(vk, x, text); onVK != 1 || onX != 1 {
			t.Fatalf("after sync --once the post is on VK %d times and on X %d times, want once each\n%s", onVK, onX, out)
		}
	}
	post, err := workspaceStore(t, dir).Post(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range post.Targets {
		if tg.State != core.TargetPublished || tg.URL == "" {
			t.Errorf("after sync --once the post on %s is %s (%s), want published with its link", tg.Account, tg.State, tg.Error)
		}
	}
}

// A post the channel refuses makes `sync --once` exit 1 naming it; the
// other channel's post still goes out.
func TestSyncOnceFailsNamingTheRefusedPost(t *testing.T) {
	dir, vk, x, vkName, xName := publishingWorkspace(t)
	text := "Our new poster is out."
	schedulePost(t, dir, text, vkName+","+xName)
	vk.Server().Fail("wall.post", vkpeer.Fault{Code: 15})
	code, out, errs := cli(t, "", "--data", dir, "--secrets", "file", "sync", "--once")
	if code != 1 || !strings.Contains(errs, "post 1 on "+vkName+" failed") || strings.Contains(errs, xName) {
		t.Errorf("sync --once with VK refusing: exit %d, stderr %q; want 1 naming the VK post only\n%s", code, errs, out)
	}
	if onVK, onX := onPeers(vk, x, text); onVK != 0 || onX != 1 {
		t.Errorf("on VK %d times and on X %d times; want only X", onVK, onX)
	}
}

// The window and a `hearth sync` daemon run a publishing engine each on
// one workspace (two stores on one file, as two processes have): every
// due post reaches each peer exactly once.
func TestWindowAndDaemonPublishEachPostOnce(t *testing.T) {
	t.Parallel()
	dir, vk, x, vkName, xName := publishingWorkspace(t)
	var texts []string
	for i := range 8 {
		texts = append(texts, fmt.Sprintf("Post %d of the week: the library opens on Sunday.", i))
		schedulePost(t, dir, texts[i], vkName+","+xName)
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	published := make([]int, 2)
	for i := range 2 {
		w, err := openWorkspace(ctx, workspaceOptions{dir: dir, secretsMode: "file", log: slog.Default(), noBackups: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		wg.Add(1)
		go func() {
			defer wg.Done()
			run, err := newPublisher(w).Flush(ctx)
			if err != nil || len(run.NeedPerson) > 0 {
				t.Errorf("engine %d: %v; needing a person: %+v", i, err, run.NeedPerson)
			}
			published[i] = len(run.Published)
		}()
	}
	wg.Wait()
	for _, text := range texts {
		if onVK, onX := onPeers(vk, x, text); onVK != 1 || onX != 1 {
			t.Errorf("%q is on VK %d times and on X %d times, want once each", text, onVK, onX)
		}
	}
	if published[0]+published[1] != 2*len(texts) {
		t.Errorf("the engines report %v targets published, want %d in all", published, 2*len(texts))
	}
	t.Logf("the window's engine published %d targets, the daemon's %d", published[0], published[1])
}

// `hearth sync` (the daemon a user service runs) publishes a due post
// with its picture while nothing else runs, then stops cleanly.
func TestSyncDaemonPublishesDuePosts(t *testing.T) {
	t.Parallel()
	dir, vk, x, vkName, xName := publishingWorkspace(t)
	text := "Published by the daemon, with the window closed"
	postPictures(t, dir, text, vkName+","+xName, writePicture(t, dir, "a.png", 40, 30), writePicture(t, dir, "b.png", 30, 40))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out, errb lockedBuffer
	go func() {
		done <- run(ctx, []string{"--data", dir, "--secrets", "file", "sync"}, strings.NewReader(""), &out, &errb)
	}()
	waitFor(t, "the post on both peers", func() bool {
		onVK, onX := onPeers(vk, x, text)
		return onVK == 1 && onX == 1
	})
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("sync exit %d: %s", code, errb.String())
	}
	checkPictures(t, vk, x, text, 2, "The hall before the game")
}

// lockedBuffer is a buffer the daemon's goroutines and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
