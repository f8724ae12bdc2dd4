package store

import (
	"database/sql/driver"
	"fmt"
	"sync"
	"time"

	"modernc.org/sqlite"
)

// The query operators hour: and weekday: read an item's time on a zone's
// wall clock, which SQLite cannot (its 'localtime' is the process's zone,
// and a zone's offset changes with DST). These functions read it as Go
// does: hearth_hour(created_at, zone) is the hour 0-23 and
// hearth_weekday(created_at, zone) the weekday, 0 Sunday, of a time in
// milliseconds in the zone named.
func init() {
	for name, part := range map[string]func(time.Time) int{
		"hearth_hour":    time.Time.Hour,
		"hearth_weekday": func(t time.Time) int { return int(t.Weekday()) },
	} {
		err := sqlite.RegisterDeterministicScalarFunction(name, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			at, ok := args[0].(int64)
			zone, ok2 := args[1].(string)
			if !ok || !ok2 {
				return nil, nil
			}
			loc, err := zoneNamed(zone)
			if err != nil {
				return nil, err
			}
			return int64(part(fromMS(at).In(loc))), nil
		})
		if err != nil {
			panic(err)
		}
	}
}

// zones are the zones queries have named, by name: a zone the parse gave
// (time.FixedZone, or one loaded from elsewhere) is found again by its name.
var zones sync.Map

// zoneArg is the argument that names loc to hearth_hour and hearth_weekday.
func zoneArg(loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	zones.LoadOrStore(loc.String(), loc)
	return loc.String()
}

func zoneNamed(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("store: zone %q: %w", name, err)
	}
	zones.Store(name, loc)
	return loc, nil
}
