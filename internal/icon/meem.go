package icon

import (
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/vector"
)

// meem draws the isolated letter م, white, on bg, size pixels square: a
// round loop on the line of writing, the stroke that joins it going left,
// and the tail that falls from there. The shapes are in a 0–1 square;
// the loop's counter is wound the other way, so it stays open.
func meem(size int, bg color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.Draw(m, m.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	z := vector.NewRasterizer(size, size)
	s := float32(size)
	circle(z, s, 0.60, 0.37, 0.18, true)
	circle(z, s, 0.60, 0.37, 0.08, false)
	rect(z, s, 0.26, 0.47, 0.62, 0.55) // the joining stroke, along the loop's foot
	rect(z, s, 0.26, 0.47, 0.35, 0.81) // the tail
	z.Draw(m, m.Bounds(), image.NewUniform(color.White), image.Point{})
	return m
}

// circle adds a circle of radius r around (cx, cy), clockwise on the
// screen or not, as four cubic arcs.
func circle(z *vector.Rasterizer, s, cx, cy, r float32, clockwise bool) {
	const k = 0.5523 // a cubic's control distance for a quarter circle
	d := float32(1)
	if !clockwise {
		d = -1
	}
	// A point relative to the centre, in pixels.
	type point struct{ x, y float32 }
	p := func(x, y float32) point { return point{(cx + x) * s, (cy + y) * s} }
	cube := func(a, b, c point) { z.CubeTo(a.x, a.y, b.x, b.y, c.x, c.y) }
	start := p(r, 0)
	z.MoveTo(start.x, start.y)
	cube(p(r, d*k*r), p(k*r, d*r), p(0, d*r))
	cube(p(-k*r, d*r), p(-r, d*k*r), p(-r, 0))
	cube(p(-r, -d*k*r), p(-k*r, -d*r), p(0, -d*r))
	cube(p(k*r, -d*r), p(r, -d*k*r), p(r, 0))
	z.ClosePath()
}

// rect adds a rectangle, clockwise on the screen.
func rect(z *vector.Rasterizer, s, x0, y0, x1, y1 float32) {
	z.MoveTo(x0*s, y0*s)
	z.LineTo(x1*s, y0*s)
	z.LineTo(x1*s, y1*s)
	z.LineTo(x0*s, y1*s)
	z.ClosePath()
}
