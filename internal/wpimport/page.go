package wpimport

import (
	"errors"
	"strconv"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wordpress"
)

// page imports a WordPress page as a static page: published when it was,
// a draft otherwise (a page has no other state). Pages are not put in the
// footer: which ones belong there is the editors' choice. A child page's
// slug is its own; its old address, with its parents', redirects to it.
func (r *run) page(it *wordpress.Item) error {
	status := news.Draft
	switch it.Status {
	case "publish":
		status = news.Published
	case "draft", "pending", "future", "private":
	default:
		r.rep.skip("page", it.ID, it.Title, "status", it.Status)
		r.skipComments(it, "parent_page")
		return nil
	}
	if it.Password != "" && status == news.Published {
		status = news.Draft
		r.rep.note("page", it.ID, it.Title, "password_page")
	}
	p := news.StaticPage{Status: status, Lang: r.lang, Position: max(0, min(it.MenuOrder, news.MaxPagePosition))}
	p.Title = clip(plain(it.Title), news.MaxHeadline)
	if p.Title == "" {
		p.Title = untitled
	}
	p.Slug = slug(it.Name, p.Title, news.MaxSlug)
	if p.Slug == "" {
		p.Slug = "page-" + strconv.FormatInt(it.ID, 10)
	}
	p.Created = r.when(it.Date, it.DateGMT)
	p.Updated = r.when(it.Modified, it.ModifiedGMT)
	body, found, err := r.body(it)
	if err != nil {
		return err
	}
	p.Body = body
	item := *it
	item.Line = 0
	h := digest(item, imageIDs(found))
	var isNew, changed bool
	err = r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		k, ok, err := tx.Key(r.source, "page", strconv.FormatInt(it.ID, 10))
		if err != nil {
			return err
		}
		current := 0
		if ok {
			if current, ok, err = tx.PageVersion(k.TargetID); err != nil {
				return err
			} // not found: deleted here since, imported again
		}
		sum, version := splitHash(k.Hash)
		isNew, changed = !ok, ok && sum != h
		if changed && version != 0 && current != version {
			return errEdited
		}
		if ok && !changed {
			return nil
		}
		if ok {
			p.ID = k.TargetID
		}
		if taken, err := tx.PageSlugTaken(p.Slug, p.ID); err != nil {
			return err
		} else if taken {
			p.Slug = clip(p.Slug, news.MaxSlug-12) + "-" + strconv.FormatInt(it.ID, 10)
		}
		if ok {
			err = tx.UpdatePage(&p)
		} else {
			err = tx.CreatePage(&p)
		}
		if err != nil {
			return err
		}
		if err := tx.PutKey(store.ImportKey{Source: r.source, Kind: "page", SourceID: strconv.FormatInt(it.ID, 10), TargetID: p.ID, Hash: joinHash(h, p.Version)}); err != nil {
			return err
		}
		if err := r.bodyRedirects(tx, found); err != nil {
			return err
		}
		for _, old := range []string{it.Link, "/?page_id=" + strconv.FormatInt(it.ID, 10), "/?p=" + strconv.FormatInt(it.ID, 10)} {
			if old != "" && r.ownAddress(old) && r.local(old) != "/page/"+p.Slug {
				if err := r.redirect(tx, news.RedirectPage, p.ID, "", r.local(old)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if errors.Is(err, errEdited) {
		r.rep.skip("page", it.ID, it.Title, "edited", "")
		return nil
	}
	if err != nil {
		if err := r.refused("page", it.ID, it.Title, err); err != nil {
			return err
		}
		r.skipComments(it, "parent_page")
		return nil
	}
	r.skipComments(it, "page_comments")
	r.outcome("page", !isNew, changed)
	return nil
}
