package pagecache

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// A kept page is compressed once per encoding, when a request first asks
// for it: the cost is paid per render, not per request.

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	bw := brotli.NewWriterLevel(&buf, 6)
	bw.Write(b)
	bw.Close()
	return buf.Bytes()
}

// negotiate picks "br", "gzip" or "" (identity) from an Accept-Encoding
// header (RFC 9110 §12.5.3): the highest q wins, brotli on a tie; q=0
// refuses a coding; "*" stands for any coding not named.
func negotiate(header string) string {
	if header == "" {
		return ""
	}
	qs := map[string]float64{}
	star := -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		if name == "*" {
			star = q
			continue
		}
		qs[name] = q
	}
	q := func(name string) float64 {
		if v, ok := qs[name]; ok {
			return v
		}
		if name == "gzip" {
			if v, ok := qs["x-gzip"]; ok {
				return v
			}
		}
		return max(star, 0)
	}
	br, gz := q("br"), q("gzip")
	switch {
	case br > 0 && br >= gz:
		return "br"
	case gz > 0:
		return "gzip"
	}
	return ""
}
