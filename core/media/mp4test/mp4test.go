// Package mp4test writes tiny valid MP4 and MOV files for tests, with
// mp4ff's writer: a movie header of the asked length, an H.264 (or HEVC)
// video track, an AAC track when asked, and one sample of media data, so
// no binary clip needs to be shipped. Only tests (and the demo's sample
// clip) use it.
package mp4test

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/Eyevinn/mp4ff/aac"
	"github.com/Eyevinn/mp4ff/mp4"
)

// Parameter sets of a 1280x720 H.264 stream and a HEVC one, as mp4ff's
// own tests of its init segment writer use them (MIT licence).
const (
	avcSPS  = "67640020accac05005bb0169e0000003002000000c9c4c000432380008647c12401cb1c31380"
	avcPPS  = "68b5df20"
	hevcVPS = "40010c01ffff022000000300b0000003000003007b18b024"
	hevcSPS = "420101022000000300b0000003000003007ba0078200887db6718b92448053888892cf24a69272c9124922dc91aa48fca223ff000100016a02020201"
	hevcPPS = "4401c0252f053240"
)

// Clip is what a test video is.
type Clip struct {
	Duration  time.Duration
	HEVC      bool  // video as HEVC (hvc1) instead of H.264 (avc1)
	Audio     bool  // an AAC track too
	QuickTime bool  // a MOV (ftyp brand "qt  ") instead of an MP4
	Bytes     int64 // at least this many bytes (media data padding); 0: a few hundred
}

const timescale = 90000

// Encode returns the clip's file.
func Encode(c Clip) ([]byte, error) {
	ticks := uint64(c.Duration * timescale / time.Second)
	init := mp4.CreateEmptyInit()
	init.AddEmptyTrack(timescale, "video", "und")
	vt := init.Moov.Traks[0]
	var err error
	if c.HEVC {
		err = vt.SetHEVCDescriptor("hvc1", nalus(hevcVPS), nalus(hevcSPS), nalus(hevcPPS), nil, true)
	} else {
		err = vt.SetAVCDescriptor("avc1", nalus(avcSPS), nalus(avcPPS), true)
	}
	if err != nil {
		return nil, err
	}
	if c.Audio {
		init.AddEmptyTrack(48000, "audio", "und")
		if err := init.Moov.Traks[1].SetAACDescriptor(aac.AAClc, 48000); err != nil {
			return nil, err
		}
	}
	// A progressive file: the movie header without mvex, each track one
	// sample spanning the clip.
	moov := mp4.NewMoovBox()
	init.Moov.Mvhd.Timescale, init.Moov.Mvhd.Duration = timescale, ticks
	moov.AddChild(init.Moov.Mvhd)
	brand, compat := "isom", []string{"isom", "avc1", "mp41"}
	if c.QuickTime {
		brand, compat = "qt  ", []string{"qt  "}
	}
	ftyp := mp4.NewFtyp(brand, 0x200, compat)
	payload := max(c.Bytes-1024, 64)
	samples := make([]*mp4.StcoBox, 0, len(init.Moov.Traks))
	for _, trak := range init.Moov.Traks {
		ts := trak.Mdia.Mdhd.Timescale
		d := uint64(c.Duration * time.Duration(ts) / time.Second)
		trak.Tkhd.Duration, trak.Mdia.Mdhd.Duration = ticks, d
		stbl := trak.Mdia.Minf.Stbl
		stbl.Stts.SampleCount, stbl.Stts.SampleTimeDelta = []uint32{1}, []uint32{uint32(d)}
		if err := stbl.Stsc.AddEntry(1, 1, 1); err != nil {
			return nil, err
		}
		stbl.Stsz.SampleNumber, stbl.Stsz.SampleSize = 1, []uint32{uint32(payload) / uint32(len(init.Moov.Traks))}
		stbl.Stco.ChunkOffset = []uint32{0}
		samples = append(samples, stbl.Stco)
		moov.AddChild(trak)
	}
	// The samples follow each other in mdat, after ftyp and moov.
	off := uint32(ftyp.Size()+moov.Size()) + 8
	for i, stco := range samples {
		stco.ChunkOffset[0] = off + uint32(i)*(uint32(payload)/uint32(len(samples)))
	}
	mdat := &mp4.MdatBox{Data: make([]byte, payload)}
	var b bytes.Buffer
	for _, box := range []mp4.Box{ftyp, moov, mdat} {
		if err := box.Encode(&b); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// Write writes the clip into dir as name and returns its path.
func Write(t testing.TB, dir, name string, c Clip) string {
	t.Helper()
	data, err := Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func nalus(h string) [][]byte {
	b, err := hex.DecodeString(h)
	if err != nil {
		panic(err) // the constants above are hex
	}
	return [][]byte{b}
}
