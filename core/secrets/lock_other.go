//go:build !unix

package secrets

import "context"

// lockFile is a no-op where flock does not exist: there the in-process
// mutex alone guards the file, and two processes writing at the same
// instant can lose one write.
func lockFile(ctx context.Context, _ string) (func(), error) {
	return func() {}, ctx.Err()
}
