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
	Alt      string
	Caption  string
	Credit   string
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
