package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/hearthhq/hearth/core"
)

// cmdSettings shows the workspace's settings, or sets one.
func cmdSettings(ctx context.Context, w *workspace, args []string, io stdio) error {
	switch {
	case len(args) == 0:
		mode, err := w.store.Setting(ctx, core.SettingDeletedItems)
		if errors.Is(err, core.ErrNotFound) {
			mode = core.DeletedKeep
		} else if err != nil {
			return err
		}
		fmt.Fprintf(io.out, "deleted-items: %s\n", mode)
		return nil
	case len(args) == 2 && args[0] == "deleted-items":
		if args[1] != core.DeletedKeep && args[1] != core.DeletedRemove {
			return usagef("deleted-items is %q or %q, not %q", core.DeletedKeep, core.DeletedRemove, args[1])
		}
		if err := w.store.SetDeletedItems(ctx, args[1]); err != nil {
			return err
		}
		if args[1] == core.DeletedRemove {
			fmt.Fprintln(io.out, "items deleted on their channel are removed from the workspace, those marked so far included")
		} else {
			fmt.Fprintln(io.out, "items deleted on their channel are kept, marked deleted")
		}
		return nil
	}
	return usagef("settings takes nothing, or deleted-items keep|remove")
}
