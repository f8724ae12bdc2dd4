package main

import (
	"errors"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// errorLine is the one line a failed command prints. A database message
// that reached this far ("constraint failed: UNIQUE constraint failed:
// accounts.name (2067)") is replaced by what it means to a person.
func errorLine(err error) string {
	msg := oneLine(err)
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return msg
	}
	raw := oneLine(se)
	meaning := sqliteMeaning(se.Code())
	switch {
	case meaning == "":
		return strings.Replace(msg, ": "+raw, "", 1)
	case strings.Contains(msg, raw):
		return strings.Replace(msg, raw, meaning, 1)
	case strings.Contains(msg, meaning): // the store said it in words
		return msg
	}
	return msg + ": " + meaning
}

// sqliteMeaning says what a result code means for the command, "" when
// the words around it already say it (a conflict is "already exists").
func sqliteMeaning(code int) string {
	switch code & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		return ""
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return "the workspace is busy (another Hearth is writing to it); try again in a moment"
	case sqlite3.SQLITE_FULL:
		return "the disk is full"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
		return "the workspace cannot be written (check the permissions of --data)"
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return "the workspace database is damaged: run 'hearth check'"
	case sqlite3.SQLITE_IOERR:
		return "the disk failed to read or write the workspace"
	}
	return "the workspace database failed (" + sqlite.ErrorCodeString[code] + ")"
}
