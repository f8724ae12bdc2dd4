//go:build !unix

package store

import "context"

// Where flock does not exist every process believes it is alone: a second
// process on an open workspace runs an unneeded quick_check, and restore
// cannot tell that the workspace is open.
func (l *fileLock) tryExclusive() (bool, error) { return true, nil }

func (l *fileLock) shared(ctx context.Context) error { return ctx.Err() }
