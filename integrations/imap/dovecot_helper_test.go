package imap

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/hearthhq/hearth/core"
)

const dovecotBin = "/usr/sbin/dovecot"

// dovecot is a throwaway Dovecot IMAP server on loopback, in its own
// directory, with the user alice/secret. Its \Archive and \Sent folders
// are named "Archived Mail" and "Sent Messages", so that finding them by
// their special use, not by name, is what the tests exercise.
type dovecot struct {
	dir  string
	addr string
	cmd  *exec.Cmd
}

// needDovecot skips the test when Dovecot is not installed, unless
// HEARTH_REQUIRE_DOVECOT=1 (make test sets it) turns that into a failure.
func needDovecot(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(dovecotBin); err == nil {
		return
	}
	if os.Getenv("HEARTH_REQUIRE_DOVECOT") == "1" {
		t.Fatalf("%s is missing and HEARTH_REQUIRE_DOVECOT=1: apt-get install dovecot-imapd", dovecotBin)
	}
	t.Skipf("%s is missing; apt-get install dovecot-imapd to run the Dovecot tests", dovecotBin)
}

// startDovecot starts Dovecot in a temporary directory and stops it when
// the test ends.
func startDovecot(t testing.TB) *dovecot {
	t.Helper()
	needDovecot(t)
	d, err := launchDovecot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.stop)
	return d
}

// launchDovecot writes a configuration into dir and starts Dovecot in the
// foreground, returning once it accepts connections.
func launchDovecot(dir string) (*dovecot, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	conf, err := writeDovecotConf(dir, port)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(dovecotBin, "-F", "-c", conf)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start dovecot: %w", err)
	}
	d := &dovecot{dir: dir, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), cmd: cmd}
	if err := d.waitReady(); err != nil {
		d.stop()
		return nil, err
	}
	return d, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until Dovecot accepts a connection: it gives no other
// sign of being ready.
func (d *dovecot) waitReady() error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", d.addr, time.Second)
		if err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(d.dir, "dovecot.log"))
			return fmt.Errorf("dovecot did not listen on %s: %v\n%s", d.addr, err, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (d *dovecot) stop() {
	if d.cmd.Process == nil {
		return
	}
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { d.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		d.cmd.Process.Kill()
		<-done
	}
}

// settings points an account at this Dovecot (plain loopback IMAP) and at
// smtpAddr for sending.
func (d *dovecot) settings(smtpAddr string, edit func(*core.IMAPSettings)) []byte {
	p := &peer{imapAddr: d.addr, smtp: &smtpPeer{addr: smtpAddr}}
	return p.settings(edit)
}

func (d *dovecot) client(t testing.TB) *imapclient.Client {
	t.Helper()
	return dialClient(t, d.addr, testUser, testPass)
}

// open opens a Conn on this Dovecot.
func (d *dovecot) open(t testing.TB, smtpAddr string, edit func(*core.IMAPSettings)) *Conn {
	t.Helper()
	return openConn(t, d.settings(smtpAddr, edit), testPass, nil)
}

// dovecotIDs are the accounts Dovecot runs as: as root it refuses to run
// mail processes as root, so Debian's own users serve.
func dovecotIDs() (internal, login string, err error) {
	if os.Geteuid() == 0 {
		return "dovecot", "dovenull", nil
	}
	u, err := user.Current()
	if err != nil {
		return "", "", err
	}
	return u.Username, u.Username, nil
}

var dovecotConf = template.Must(template.New("conf").Parse(`protocols = imap
listen = 127.0.0.1
base_dir = {{.Dir}}/run
state_dir = {{.Dir}}/state
log_path = {{.Dir}}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {{.Internal}}
default_internal_group = {{.Group}}
default_login_user = {{.Login}}
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {{.Dir}}/users
}
userdb {
  driver = static
  args = uid={{.Internal}} gid={{.Group}} home={{.Dir}}/mail/%n
}
mail_location = maildir:~/Maildir
first_valid_uid = 0
first_valid_gid = 0
namespace inbox {
  inbox = yes
  separator = /
  mailbox "Archived Mail" {
    auto = create
    special_use = \Archive
  }
  mailbox "Sent Messages" {
    auto = create
    special_use = \Sent
  }
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = {{.Port}}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`))

// writeDovecotConf lays out dir (readable by Dovecot's users) and returns
// the configuration file's path.
func writeDovecotConf(dir string, port int) (string, error) {
	internal, login, err := dovecotIDs()
	if err != nil {
		return "", err
	}
	group := internal
	if os.Geteuid() != 0 {
		g, err := user.LookupGroupId(strconv.Itoa(os.Getegid()))
		if err != nil {
			return "", err
		}
		group = g.Name
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := openPath(dir); err != nil {
		return "", err
	}
	for _, sub := range []string{"run", "state", "mail"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return "", err
		}
	}
	if err := chownTo(filepath.Join(dir, "mail"), internal); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "users"), []byte(testUser+":{PLAIN}"+testPass+"::::::\n"), 0o644); err != nil {
		return "", err
	}
	var b strings.Builder
	data := map[string]any{"Dir": dir, "Internal": internal, "Group": group, "Login": login, "Port": port}
	if err := dovecotConf.Execute(&b, data); err != nil {
		return "", err
	}
	conf := filepath.Join(dir, "dovecot.conf")
	return conf, os.WriteFile(conf, []byte(b.String()), 0o644)
}

// openPath lets Dovecot's users reach dir: test temp dirs are 0700.
func openPath(dir string) error {
	for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			return err
		}
	}
	return nil
}

func chownTo(path, name string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

// withTimeout is the context of one Dovecot operation in the tests.
func withTimeout(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
