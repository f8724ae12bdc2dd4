package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hearthhq/hearth/core"
)

const accountCols = `id, kind, name, settings, created_at, sync_state, last_sync,
	progress_done, progress_total, status_message, status_action, error_count,
	next_attempt, status_updated_at`

// CreateAccount stores a new account and returns its id. A duplicate name
// is core.ErrConflict.
func (s *Store) CreateAccount(ctx context.Context, a core.Account) (int64, error) {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" || a.Kind == "" {
		return 0, fmt.Errorf("store: create account: a name and a kind are required")
	}
	settings, err := settingsJSON(a.Settings)
	if err != nil {
		return 0, fmt.Errorf("store: create account %q: %w", a.Name, err)
	}
	if a.CreatedAt.IsZero() {
		a.CreatedAt = s.now()
	}
	if a.Status.State == "" {
		a.Status.State = core.SyncIdle
	}
	st := a.Status
	var id int64
	err = s.w.QueryRowContext(ctx, `INSERT INTO accounts (kind, name, settings, created_at,
		sync_state, last_sync, progress_done, progress_total, status_message, status_action,
		error_count, next_attempt, status_updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.Kind, a.Name, settings, ms(a.CreatedAt), st.State, nullMS(st.LastSync), st.Done, st.Total,
		st.Message, st.Action, st.ErrorCount, nullMS(st.NextAttempt), nullMS(st.UpdatedAt)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create account %q: %w", a.Name, dbErr(err))
	}
	return id, nil
}

// settingsJSON checks integration settings and stores nil as an empty object.
func settingsJSON(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "{}", nil
	}
	if !json.Valid(raw) {
		return "", fmt.Errorf("settings are not valid JSON")
	}
	return string(raw), nil
}

// Account returns the account with id, or core.ErrNotFound.
func (s *Store) Account(ctx context.Context, id int64) (core.Account, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+accountCols+" FROM accounts WHERE id = ?", id)
	a, err := scanAccount(row)
	if err != nil {
		return a, fmt.Errorf("store: account %d: %w", id, dbErr(err))
	}
	return a, nil
}

// AccountByName returns the account named name, or core.ErrNotFound.
func (s *Store) AccountByName(ctx context.Context, name string) (core.Account, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+accountCols+" FROM accounts WHERE name = ?", name)
	a, err := scanAccount(row)
	if err != nil {
		return a, fmt.Errorf("store: account %q: %w", name, dbErr(err))
	}
	return a, nil
}

// Accounts returns every account, ordered by name.
func (s *Store) Accounts(ctx context.Context) ([]core.Account, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT "+accountCols+" FROM accounts ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	defer rows.Close()
	var out []core.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, fmt.Errorf("store: accounts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: accounts: %w", err)
	}
	return out, nil
}

// UpdateAccountSettings replaces an account's integration settings.
func (s *Store) UpdateAccountSettings(ctx context.Context, id int64, settings json.RawMessage) error {
	js, err := settingsJSON(settings)
	if err != nil {
		return fmt.Errorf("store: account %d: %w", id, err)
	}
	if err := execOne(ctx, s.w, "UPDATE accounts SET settings = ? WHERE id = ?", js, id); err != nil {
		return fmt.Errorf("store: account %d: settings: %w", id, err)
	}
	return nil
}

// DeleteAccount removes an account with its items, threads, cursors and
// outbox entries.
func (s *Store) DeleteAccount(ctx context.Context, id int64) error {
	if err := execOne(ctx, s.w, "DELETE FROM accounts WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: delete account %d: %w", id, err)
	}
	return nil
}

// SetAccountStatus records an account's sync status.
func (s *Store) SetAccountStatus(ctx context.Context, id int64, st core.AccountStatus) error {
	err := execOne(ctx, s.w, `UPDATE accounts SET sync_state = ?, last_sync = ?, progress_done = ?,
		progress_total = ?, status_message = ?, status_action = ?, error_count = ?,
		next_attempt = ?, status_updated_at = ? WHERE id = ?`,
		st.State, nullMS(st.LastSync), st.Done, st.Total, st.Message, st.Action, st.ErrorCount,
		nullMS(st.NextAttempt), nullMS(st.UpdatedAt), id)
	if err != nil {
		return fmt.Errorf("store: account %d: status: %w", id, err)
	}
	return nil
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface {
	Scan(dest ...any) error
}

func scanAccount(sc scanner) (core.Account, error) {
	var (
		a                          core.Account
		settings                   string
		created                    int64
		lastSync, next, statusTime sql.NullInt64
	)
	st := &a.Status
	err := sc.Scan(&a.ID, &a.Kind, &a.Name, &settings, &created, &st.State, &lastSync,
		&st.Done, &st.Total, &st.Message, &st.Action, &st.ErrorCount, &next, &statusTime)
	if err != nil {
		return a, err
	}
	a.Settings = json.RawMessage(settings)
	a.CreatedAt = fromMS(created)
	st.LastSync, st.NextAttempt, st.UpdatedAt = fromNullMS(lastSync), fromNullMS(next), fromNullMS(statusTime)
	return a, nil
}
