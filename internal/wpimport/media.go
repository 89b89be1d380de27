package wpimport

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wordpress"
)

// attachmentInfo is what a [gallery] shows of an attachment.
func (r *run) attachmentInfo(id int64) (wordpress.Attachment, bool) {
	a := r.atts[id]
	if a == nil {
		return wordpress.Attachment{}, false
	}
	return wordpress.Attachment{URL: a.URL, Caption: a.Caption, Alt: a.Alt}, true
}

// attachment brings an attachment's file in through the media pipeline,
// once; the zero Image when it cannot (reported).
func (r *run) attachment(id int64) (news.Image, error) {
	a := r.atts[id]
	if a == nil {
		return news.Image{}, nil
	}
	key := "attachment:" + strconv.FormatInt(id, 10)
	if id, ok := r.images[key]; ok {
		return r.image(id)
	}
	r.images[key] = 0 // asked once, whatever comes of it
	alt := firstOf(a.Alt, plain(a.Title))
	im, err := r.file("attachment", strconv.FormatInt(id, 10), a.Title, a.Path, a.Hash, media.Meta{Alt: clip(alt, media.MaxAlt), Caption: clip(a.Caption, media.MaxCaption)},
		append([]string{a.Link, "/?attachment_id=" + strconv.FormatInt(id, 10)}, uploadAddresses(a.URL, a.Path)...))
	if err != nil {
		return im, err
	}
	r.images[key] = im.ID
	return im, nil
}

// upload brings in a picture a body shows: the attachment it is, else the
// file alone; a resized copy (photo-300x200.jpg) is its original.
func (r *run) upload(addr string) (news.Image, bool, error) {
	p, ok := wordpress.UploadPath(addr)
	if !ok {
		return news.Image{}, false, nil
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	for _, cand := range []string{p, resized.ReplaceAllString(p, "$1")} {
		if id, ok := r.byPath[cand]; ok {
			im, err := r.attachment(id)
			return im, im.ID != 0, err
		}
	}
	key := "upload:" + p
	if id, ok := r.images[key]; ok {
		im, err := r.image(id)
		return im, im.ID != 0, err
	}
	r.images[key] = 0
	im, err := r.file("upload", p, "", p, digest(p), media.Meta{Alt: clip(strings.TrimSuffix(path.Base(p), path.Ext(p)), media.MaxAlt)},
		uploadAddresses(addr, p))
	if err != nil {
		return im, false, err
	}
	r.images[key] = im.ID
	return im, im.ID != 0, nil
}

// image reads an image brought in earlier in the run (the run keeps only
// ids: a site has hundreds of thousands of pictures); 0 is none.
func (r *run) image(id int64) (news.Image, error) {
	if id == 0 {
		return news.Image{}, nil
	}
	return r.st.Image(r.ctx, id)
}

var resized = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)

// uploadAddresses are the old addresses of an upload: where the export
// says it was, and its place under /wp-content/uploads/.
func uploadAddresses(addr, p string) []string {
	out := []string{}
	if u, err := url.Parse(addr); err == nil && strings.Contains(u.Path, "/wp-content/uploads/") {
		out = append(out, u.EscapedPath())
	}
	if p != "" {
		out = append(out, (&url.URL{Path: "/wp-content/uploads/" + p}).EscapedPath())
	}
	return out
}

// file imports one file of the uploads folder as an image, reading only
// inside the folder, and stores its old addresses as redirects.
func (r *run) file(kind, id, title, p, hash string, meta media.Meta, old []string) (news.Image, error) {
	if r.root == nil {
		r.rep.skip(kind, id, title, "no_uploads", "")
		return news.Image{}, nil
	}
	if p == "" {
		r.rep.skip(kind, id, title, "no_file", "")
		return news.Image{}, nil
	}
	if !fs.ValidPath(p) || strings.Contains(p, `\`) {
		r.rep.skip(kind, id, title, "outside", p)
		return news.Image{}, nil
	}
	var im news.Image
	var done, found bool
	err := r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		k, ok, err := tx.Key(r.source, kind, id)
		if err != nil || !ok || k.Hash != hash {
			return err
		}
		im, err = r.st.Image(r.ctx, k.TargetID)
		if errors.Is(err, news.ErrNotFound) {
			return nil // deleted since: imported again
		}
		done, found = err == nil, true
		return err
	})
	if err != nil {
		return im, err
	}
	if done {
		r.outcome(kind, true, false)
		return im, nil
	}
	f, err := r.root.Open(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			r.rep.skip(kind, id, title, "missing", p)
		} else {
			r.rep.skip(kind, id, title, "unreadable", p)
		}
		return news.Image{}, nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		r.rep.skip(kind, id, title, "not_file", p)
		return news.Image{}, nil
	}
	if r.imp.DryRun() {
		r.outcome(kind, found, found)
		return news.Image{}, nil
	}
	im, err = r.up.Upload(r.ctx, f, meta)
	if err != nil {
		var me *media.Error
		if errors.As(err, &me) {
			r.rep.skip(kind, id, title, "picture_refused", p+" ("+me.Key+")")
			return news.Image{}, nil
		}
		return im, err
	}
	err = r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		for _, o := range old {
			if o == "" || !r.ownAddress(o) && !strings.HasPrefix(o, "/") {
				continue
			}
			if err := r.redirect(tx, news.RedirectMedia, im.ID, mediaTarget(im), r.local(o)); err != nil {
				return err
			}
		}
		return tx.PutKey(store.ImportKey{Source: r.source, Kind: kind, SourceID: id, TargetID: im.ID, Hash: hash})
	})
	if err != nil {
		return im, err
	}
	r.outcome(kind, found, found)
	return im, nil
}

// mediaTarget is what a media redirect leads to: the file's name under
// /media/ (its largest variant).
func mediaTarget(im news.Image) string { return strings.TrimPrefix(im.Src(), "/media/") }
