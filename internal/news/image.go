package news

import (
	"strconv"
	"strings"
	"time"
)

// Image is an uploaded picture. What is stored is never the uploaded file:
// it is decoded, re-encoded and resized into Variants under a generated
// Name, so nothing a client sent is ever served back as it came.
type Image struct {
	ID       int64
	Name     string // generated, e.g. "2026/11/5f3c…"; the files are named from it
	Type     string // "image/jpeg", "image/png" or "image/gif"
	Width    int    // of the largest variant
	Height   int
	Bytes    int64 // of every variant together
	Variants []ImageVariant
	// Crops are copies cut to a ratio ("16:9", "4:3", "1:1") around the
	// focal point, for search engines and share cards; none when the
	// image is too small to give one.
	Crops   []ImageVariant
	Alt     string
	Caption string
	Credit  string
	// FocusX and FocusY are the point that crops keep in view, as fractions
	// of the width and height from the top-left corner (0.5, 0.5: the centre).
	FocusX, FocusY float64
	// UploadedBy is the account that uploaded it (0 when unknown).
	UploadedBy int64
	Created    time.Time
}

// ImageVariant is one resized copy of an image; File is its name under the
// media directory (and /media/ on the site).
type ImageVariant struct {
	Width  int    `json:"w"`
	Height int    `json:"h"`
	File   string `json:"file"`
	// Bytes is the file's size; 0 for variants written before sizes were
	// recorded.
	Bytes int64 `json:"bytes,omitempty"`
	// Ratio is the crop's aspect ratio, "" for a variant of the whole image.
	Ratio string `json:"ratio,omitempty"`
}

// CropRatios are the aspect ratios images are cropped to, widest first.
var CropRatios = []string{"16:9", "4:3", "1:1"}

// Crop returns the crop of the image at ratio, if it has one.
func (im Image) Crop(ratio string) (ImageVariant, bool) {
	for _, c := range im.Crops {
		if c.Ratio == ratio {
			return c, true
		}
	}
	return ImageVariant{}, false
}

// Src is the address of the largest variant, for browsers that ignore
// srcset; "" when the image has none.
func (im Image) Src() string {
	if len(im.Variants) == 0 {
		return ""
	}
	return "/media/" + im.Variants[len(im.Variants)-1].File
}

// SrcSet lists every variant with its width, for <img srcset>.
func (im Image) SrcSet() string {
	parts := make([]string, len(im.Variants))
	for i, v := range im.Variants {
		parts[i] = "/media/" + v.File + " " + strconv.Itoa(v.Width) + "w"
	}
	return strings.Join(parts, ", ")
}
