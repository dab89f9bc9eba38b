package inventory

import "testing"

func TestMakePURL(t *testing.T) {
	deb := &Distro{ID: "debian", VersionID: "12"}
	for _, tt := range []struct {
		p      Package
		distro *Distro
		want   string
	}{
		{Package{Name: "github.com/gin-gonic/gin", Version: "v1.9.1", Ecosystem: Go}, nil, "pkg:golang/github.com/gin-gonic/gin@v1.9.1"},
		{Package{Name: "@babel/core", Version: "7.24.0", Ecosystem: NPM}, nil, "pkg:npm/%40babel/core@7.24.0"},
		{Package{Name: "Django_Rest", Version: "3.0", Ecosystem: PyPI}, nil, "pkg:pypi/django-rest@3.0"},
		{Package{Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1", Ecosystem: Maven}, nil, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		{Package{Name: "libssl3", Version: "3.0.11-1~deb12u2", Ecosystem: "Debian:12", SourceName: "openssl"}, deb, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?distro=debian-12&upstream=openssl"},
		{Package{Name: "musl", Version: "1.2.4-r2", Ecosystem: "Alpine:v3.19"}, &Distro{ID: "alpine", VersionID: "3.19.1"}, "pkg:apk/alpine/musl@1.2.4-r2?distro=alpine-3.19.1"},
	} {
		if got := MakePURL(tt.p, tt.distro); got != tt.want {
			t.Errorf("MakePURL(%s) = %s, want %s", tt.p.Name, got, tt.want)
		}
	}
}

func TestDistroEcosystem(t *testing.T) {
	for d, want := range map[Distro]string{
		{ID: "debian", VersionID: "12"}:     "Debian:12",
		{ID: "alpine", VersionID: "3.19.1"}: "Alpine:v3.19",
		{ID: "ubuntu", VersionID: "22.04"}:  "Ubuntu:22.04",
		{ID: "plan9"}:                       "",
	} {
		if got := d.Ecosystem(); got != want {
			t.Errorf("%+v: %q, want %q", d, got, want)
		}
	}
}
