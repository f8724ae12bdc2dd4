package main

import (
	"bufio"
	"io"
	"text/tabwriter"
)

// table is the aligned output of a listing command. tabwriter writes each
// cell and its padding separately at Flush (about ten writes per row, each
// a system call on a terminal or pipe: 512 for a page of 50 hits), so the
// table goes through one buffer, written at the end.
type table struct {
	*tabwriter.Writer
	buf *bufio.Writer
}

func newTable(out io.Writer, tabwidth int) *table {
	buf := bufio.NewWriterSize(out, 16<<10)
	return &table{Writer: tabwriter.NewWriter(buf, 0, tabwidth, 2, ' ', 0), buf: buf}
}

// Flush aligns and writes the table.
func (t *table) Flush() error {
	if err := t.Writer.Flush(); err != nil {
		return err
	}
	return t.buf.Flush()
}
