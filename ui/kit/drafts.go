package kit

import "time"

// DraftDelay is how long typing must pause before the draft is saved.
const DraftDelay = 500 * time.Millisecond

// CloseSaveTimeout bounds the last draft save when the window closes.
const CloseSaveTimeout = 2 * time.Second
