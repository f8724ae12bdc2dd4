package members

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/hearthhq/hearth/core"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// MaxImportBytes is the most an import reads: far beyond any address book
// (a million CSV rows fit), small enough that a wrong file (a disk image,
// /dev/zero) ends with an error instead of eating the machine's memory.
const MaxImportBytes = 64 << 20

// Why an import file is refused. Callers add the file's name.
var (
	ErrTooLarge  error = core.Say("the file is larger than {{.Max}}, the most an import reads", "Max", core.Size(MaxImportBytes))
	ErrNotText   error = core.Say("not a text file")
	ErrNoColumns error = core.Say("no column holds a name, an e-mail address, a VK or an X account")
	ErrNoCards   error = core.Say("no vCard in the file (no BEGIN:VCARD line)")
)

// ReadImportData reads an import file into memory with its charset made
// UTF-8 where a byte-order mark says UTF-16 (Excel's "Unicode text"). It
// stops at MaxImportBytes with ErrTooLarge and, as soon as a chunk shows
// it, at binary content with ErrNotText: control characters no text file
// holds, such as NUL. Text that is not UTF-8 is returned as it is, for the
// reader to decode.
func ReadImportData(r io.Reader) ([]byte, error) {
	br := bufio.NewReaderSize(io.LimitReader(r, MaxImportBytes+1), 64<<10)
	var src io.Reader = br
	if bom, _ := br.Peek(2); bytes.Equal(bom, []byte{0xff, 0xfe}) || bytes.Equal(bom, []byte{0xfe, 0xff}) {
		src = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	var out bytes.Buffer
	chunk := make([]byte, 64<<10)
	read := 0
	for {
		n, err := src.Read(chunk)
		if off := binaryAt(chunk[:n]); off >= 0 {
			return nil, fmt.Errorf("%w: it holds binary data (byte 0x%02x at offset %d); an import reads CSV or vCard text",
				ErrNotText, chunk[off], read+off)
		}
		// Checked before the buffer grows: past the limit it would double.
		if out.Len()+n > MaxImportBytes {
			return nil, ErrTooLarge
		}
		out.Write(chunk[:n])
		read += n
		if errors.Is(err, io.EOF) {
			return bytes.TrimPrefix(out.Bytes(), []byte("\xef\xbb\xbf")), nil
		}
		if err != nil {
			return nil, fmt.Errorf("read: %w", err)
		}
	}
}

// binaryAt is the offset of the first byte no text file holds (the C0
// controls but tab, line feed, form feed, carriage return and escape, as
// the WHATWG sniffing rule has it), or -1.
func binaryAt(b []byte) int {
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b {
			return i
		}
	}
	return -1
}
