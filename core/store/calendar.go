package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hearthhq/hearth/core"
)

// dayLayout stores a campaign's civil days.
const dayLayout = "2006-01-02"

// CreateCampaign stores a campaign and returns its id.
func (s *Store) CreateCampaign(ctx context.Context, c core.Campaign) (int64, error) {
	if err := c.Validate(); err != nil {
		return 0, fmt.Errorf("store: create campaign: %w", err)
	}
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO campaigns (name, goal, start_on, end_on, notes, joint)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.Name, c.Goal, c.Start.Format(dayLayout), c.End.Format(dayLayout),
		c.Notes, c.Joint).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create campaign %q: %w", c.Name, dbErr(err))
	}
	return id, nil
}

// UpdateCampaign rewrites a campaign.
func (s *Store) UpdateCampaign(ctx context.Context, c core.Campaign) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("store: update campaign %d: %w", c.ID, err)
	}
	err := execOne(ctx, s.w, `UPDATE campaigns SET name = ?, goal = ?, start_on = ?, end_on = ?, notes = ?, joint = ?
		WHERE id = ?`, c.Name, c.Goal, c.Start.Format(dayLayout), c.End.Format(dayLayout), c.Notes, c.Joint, c.ID)
	if err != nil {
		return fmt.Errorf("store: update campaign %d: %w", c.ID, err)
	}
	return nil
}

// DeleteCampaign removes a campaign; its posts and meetups stay.
func (s *Store) DeleteCampaign(ctx context.Context, id int64) error {
	if err := execOne(ctx, s.w, "DELETE FROM campaigns WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: delete campaign %d: %w", id, err)
	}
	return nil
}

// Campaigns returns the campaigns that overlap the days from..to
// (inclusive civil days), by start day.
func (s *Store) Campaigns(ctx context.Context, from, to time.Time) ([]core.Campaign, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, goal, start_on, end_on, notes, joint FROM campaigns
		WHERE start_on <= ? AND end_on >= ? ORDER BY start_on, id`, to.Format(dayLayout), from.Format(dayLayout))
	if err != nil {
		return nil, fmt.Errorf("store: campaigns: %w", dbErr(err))
	}
	defer rows.Close()
	var cs []core.Campaign
	for rows.Next() {
		var c core.Campaign
		var start, end string
		if err := rows.Scan(&c.ID, &c.Name, &c.Goal, &start, &end, &c.Notes, &c.Joint); err != nil {
			return nil, fmt.Errorf("store: campaigns: %w", err)
		}
		if c.Start, err = time.Parse(dayLayout, start); err != nil {
			return nil, fmt.Errorf("store: campaign %d: start %q: %w", c.ID, start, err)
		}
		if c.End, err = time.Parse(dayLayout, end); err != nil {
			return nil, fmt.Errorf("store: campaign %d: end %q: %w", c.ID, end, err)
		}
		cs = append(cs, c)
	}
	return cs, dbErr(rows.Err())
}

// CreateMeetup stores a meetup and returns its id.
func (s *Store) CreateMeetup(ctx context.Context, m core.Meetup) (int64, error) {
	if err := m.Validate(); err != nil {
		return 0, fmt.Errorf("store: create meetup: %w", err)
	}
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO meetups (title, place, start_at, end_at, zone, campaign_id,
		notes, attendees) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.Title, m.Place, ms(m.Start), ms(m.End),
		zoneOr(m.Zone), nullID(m.CampaignID), m.Notes, jsonList(m.Attendees)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create meetup %q: %w", m.Title, dbErr(err))
	}
	return id, nil
}

// UpdateMeetup rewrites a meetup.
func (s *Store) UpdateMeetup(ctx context.Context, m core.Meetup) error {
	if err := m.Validate(); err != nil {
		return fmt.Errorf("store: update meetup %d: %w", m.ID, err)
	}
	err := execOne(ctx, s.w, `UPDATE meetups SET title = ?, place = ?, start_at = ?, end_at = ?, zone = ?,
		campaign_id = ?, notes = ?, attendees = ? WHERE id = ?`, m.Title, m.Place, ms(m.Start), ms(m.End),
		zoneOr(m.Zone), nullID(m.CampaignID), m.Notes, jsonList(m.Attendees), m.ID)
	if err != nil {
		return fmt.Errorf("store: update meetup %d: %w", m.ID, err)
	}
	return nil
}

// DeleteMeetup removes a meetup.
func (s *Store) DeleteMeetup(ctx context.Context, id int64) error {
	if err := execOne(ctx, s.w, "DELETE FROM meetups WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: delete meetup %d: %w", id, err)
	}
	return nil
}

// Meetups returns the meetups that overlap [from, to), by start.
func (s *Store) Meetups(ctx context.Context, from, to time.Time) ([]core.Meetup, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, title, place, start_at, end_at, zone, campaign_id, notes,
		attendees FROM meetups WHERE start_at < ? AND end_at >= ? ORDER BY start_at, id`, ms(to), ms(from))
	if err != nil {
		return nil, fmt.Errorf("store: meetups: %w", dbErr(err))
	}
	defer rows.Close()
	var out []core.Meetup
	for rows.Next() {
		var m core.Meetup
		var start, end int64
		var campaign sql.NullInt64
		var attendees sql.NullString
		if err := rows.Scan(&m.ID, &m.Title, &m.Place, &start, &end, &m.Zone, &campaign, &m.Notes, &attendees); err != nil {
			return nil, fmt.Errorf("store: meetups: %w", err)
		}
		m.Start, m.End, m.CampaignID = fromMS(start), fromMS(end), campaign.Int64
		if err := decodeJSON(attendees, &m.Attendees); err != nil {
			return nil, fmt.Errorf("store: meetup %d attendees: %w", m.ID, err)
		}
		out = append(out, m)
	}
	return out, dbErr(rows.Err())
}
