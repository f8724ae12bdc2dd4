package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

// Picture is a demo photo drawn in code (no network, nothing bundled):
// what a board-game club posts.
type Picture struct {
	Name string // file name
	Alt  string // its alt text
	draw func(img *image.RGBA)
}

// Pictures are the demo posts' pictures: a game table, the league's
// dice, and a map of hex tiles.
var Pictures = []Picture{
	{"game-night.png", "A game table seen from above: a board with red, blue and yellow pieces", drawTable},
	{"league-dice.png", "Three dice showing six, five and four on green felt", drawDice},
	{"cascadia-tiles.png", "Hexagonal tiles of forest, river and mountain laid side by side", drawHexes},
}

// pictureW and pictureH are the demo pictures' size.
const pictureW, pictureH = 960, 640

// JPEG draws the picture as a JPEG of pictureW x pictureH: a photo as a
// member's phone sends it.
func (p Picture) JPEG() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, pictureW, pictureH))
	p.draw(img)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, fmt.Errorf("demo picture %s: %w", p.Name, err)
	}
	return b.Bytes(), nil
}

// WritePictures draws the demo pictures as PNGs of 960x640 into dir and
// returns their paths, in the order of Pictures.
func WritePictures(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("demo pictures: %w", err)
	}
	var paths []string
	for _, p := range Pictures {
		img := image.NewRGBA(image.Rect(0, 0, pictureW, pictureH))
		p.draw(img)
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", p.Name, err)
		}
		path := filepath.Join(dir, p.Name)
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			return nil, fmt.Errorf("demo picture %s: %w", p.Name, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func paint(img *image.RGBA, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// disc draws a filled circle.
func disc(img *image.RGBA, cx, cy, r int, c color.Color) {
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r {
				img.Set(x, y, c)
			}
		}
	}
}

// drawTable is a wooden table with a chequered board and pieces on it.
func drawTable(img *image.RGBA) {
	paint(img, img.Bounds(), color.RGBA{139, 94, 60, 255})
	board := image.Rect(200, 80, 760, 560)
	paint(img, board, color.RGBA{240, 230, 200, 255})
	cell := 70
	for row := range 8 {
		for col := range 8 {
			if (row+col)%2 == 1 {
				paint(img, image.Rect(board.Min.X+col*cell, board.Min.Y+row*60, board.Min.X+(col+1)*cell, board.Min.Y+(row+1)*60),
					color.RGBA{120, 150, 110, 255})
			}
		}
	}
	pieces := []color.RGBA{{200, 40, 40, 255}, {40, 80, 200, 255}, {230, 190, 30, 255}}
	for i := range 9 {
		disc(img, board.Min.X+35+(i*3%8)*cell, board.Min.Y+30+(i*5%8)*60, 22, pieces[i%3])
	}
}

// drawDice is three dice on green felt.
func drawDice(img *image.RGBA) {
	paint(img, img.Bounds(), color.RGBA{30, 110, 60, 255})
	pips := map[int][][2]int{
		4: {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}},
		5: {{-1, -1}, {1, -1}, {0, 0}, {-1, 1}, {1, 1}},
		6: {{-1, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {1, 1}},
	}
	for i, face := range []int{6, 5, 4} {
		x0, y0 := 120+i*260, 200+(i%2)*80
		paint(img, image.Rect(x0, y0, x0+200, y0+200), color.RGBA{250, 250, 245, 255})
		for _, p := range pips[face] {
			disc(img, x0+100+p[0]*55, y0+100+p[1]*55, 18, color.RGBA{20, 20, 20, 255})
		}
	}
}

// drawHexes is a map of hexagonal tiles.
func drawHexes(img *image.RGBA) {
	paint(img, img.Bounds(), color.RGBA{60, 60, 70, 255})
	colours := []color.RGBA{{46, 125, 50, 255}, {30, 136, 229, 255}, {141, 110, 99, 255}, {251, 192, 45, 255}}
	const r = 70.0
	w, h := r*math.Sqrt(3), r*1.5
	for row := range 6 {
		for col := range 8 {
			cx := float64(col)*w + float64(row%2)*w/2 + 60
			cy := float64(row)*h + 60
			hexagon(img, cx, cy, r-4, colours[(row*3+col)%len(colours)])
		}
	}
}

// hexagon fills a pointy-top hexagon of radius r.
func hexagon(img *image.RGBA, cx, cy, r float64, c color.Color) {
	half := r * math.Sqrt(3) / 2
	for y := int(cy - r); y <= int(cy+r); y++ {
		dy := math.Abs(float64(y) - cy)
		span := half
		if dy > r/2 {
			span = half * (r - dy) / (r / 2)
		}
		for x := int(cx - span); x <= int(cx+span); x++ {
			img.Set(x, y, c)
		}
	}
}
