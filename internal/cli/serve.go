package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/admin"
	"github.com/midad/midad/internal/web/pagecache"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
	"github.com/midad/midad/internal/wpimport"

	_ "time/tzdata" // Africa/Casablanca and friends on machines without zoneinfo
)

func serve(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.Config() // all of them
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	env := c.Env
	log := newLogger(env.Stderr, cfg.LogLevel, cfg.LogFormat)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()

	if cfg.Demo {
		start := time.Now()
		loaded, err := demo.LoadIfEmpty(ctx, st)
		if err != nil {
			return fmt.Errorf("load demo content: %w", err)
		}
		if loaded {
			log.Info("demo content loaded", "duration", time.Since(start).Round(time.Millisecond))
		}
	}

	cat := i18n.NewCatalog()
	renderer, err := view.New(cat)
	if err != nil {
		return err
	}
	comments := discussion.New(st, log, nil)
	objs, err := openMedia(ctx, cfg)
	if err != nil {
		return err
	}
	images := media.New(st, "", media.Options{Objects: objs})
	reader := site.New(site.Options{Content: st, Comments: comments, Search: search.New(st), Addresses: st, View: renderer,
		Catalog: cat, Log: log, BaseURL: cfg.BaseURL, Sitemaps: st,
		Icons: images})
	acc := accounts.New(st, log, nil)
	desk := newsdesk.New(st, log, nil)
	newsroom := admin.New(admin.Options{Accounts: acc, Users: acc, Pages: reader, Content: st, Moderator: comments,
		Settings: st, Sections: st, Tags: st, Authors: st, Articles: st, Desk: desk, Preview: reader, Media: images, HouseAds: renderer.Assets().HouseAds(), Catalog: cat, BaseURL: cfg.BaseURL,
		StaticPages: newsdesk.NewPages(st, nil),
		Imports:     wpimport.NewJobs(ctx, st, images), ImportDir: filepath.Join(cfg.DataDir, "imports")})
	draining := new(web.Draining)
	srv := &http.Server{
		Handler: web.Handler(web.Options{Site: reader, Admin: newsroom, DB: st, Ready: st, Draining: draining, Log: log,
			MetricsFrom: cfg.MetricsFrom, Metrics: web.MetricsSources{Pools: st.PoolStats, Scheduler: desk.Runs}, TrustedProxies: cfg.TrustedProxies, BaseURL: cfg.BaseURL,
			Media: media.Serve(objs, cfg.S3.PublicURL, reader.NotFound),
			Cache: pagecache.New(pagecache.Options{Generation: st.Generation, MaxBytes: int64(cfg.PageCacheMB) << 20, TTL: cfg.PageCacheTTL})}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    web.MaxHeaderBytes,
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	ln = web.Listener(ln, reader.StaticErrorPage)
	log.Info("listening", "url", "http://"+ln.Addr().String(), "database", st.Backend())
	// Said on its own line too, whatever the log level, for scripts and
	// tests that start Midad on port 0.
	fmt.Fprintf(env.Stderr, "midad: listening on http://%s\n", ln.Addr())

	// Scheduled articles go live at their time whether or not anyone is
	// signed in.
	scheduler := make(chan struct{})
	go func() { defer close(scheduler); desk.Run(ctx, time.Second) }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// /readyz says no from now on; the listener closes, requests in
	// flight finish (their database work is bounded by the request
	// deadline), and the scheduler's run in progress ends before the
	// database is closed.
	draining.Store(true)
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	<-scheduler
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

func migrate(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "schema version %d\n", v)
	return nil
}

func reindex(ctx context.Context, c *cmdline, args []string) error {
	cfg := c.StoreConfig()
	pos, err := c.Parse(args)
	if err != nil {
		return err
	}
	if err := c.NoArgs(pos); err != nil {
		return err
	}
	st, err := c.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	n, err := st.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "search index rebuilt: %d articles in %v\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
