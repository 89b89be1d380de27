package main

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestRelease builds the release binary for this machine with `make
// release`, the recipe the published ones come from, and checks that it is
// static (no dynamic loader: it runs on any Linux, in a scratch container)
// and that `midad version` prints the stamped version; `migrate` shows
// that SQLite works without cgo.
func TestRelease(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("release binaries are built for Linux")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make is needed to build the release:", err)
	}
	dist := t.TempDir()
	const version = "v9.8.7-test"
	cmd := exec.Command("make", "-C", "../..", "release", "VERSION="+version, "DIST="+dist, "RELEASE_ARCHS="+runtime.GOARCH)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make release: %v\n%s", err, out)
	}
	bin := filepath.Join(dist, "midad-"+version+"-linux-"+runtime.GOARCH)
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("%s is dynamically linked (%v)", bin, p.Type)
		}
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || string(out) != "midad "+version+"\n" {
		t.Errorf("midad version: %v, %q; want %q", err, out, "midad "+version+"\n")
	}
	data := t.TempDir()
	if out, err := exec.Command(bin, "migrate", "--data", data).CombinedOutput(); err != nil || !bytes.HasPrefix(out, []byte("schema version ")) {
		t.Errorf("midad migrate: %v, %s", err, out)
	}
	sums, err := os.ReadFile(filepath.Join(dist, "midad-"+version+".sha256"))
	if err != nil || !strings.Contains(string(sums), filepath.Base(bin)) {
		t.Errorf("checksums: %v, %q", err, sums)
	}
}
