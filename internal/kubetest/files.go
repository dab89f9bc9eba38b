package kubetest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// files are what the API server is started with, written under one
// temporary directory.
type files struct {
	certDir     string // --cert-dir
	servingCert string // self-signed serving certificate, PEM
	servingKey  string // its key, PEM
	caPEM       []byte // the serving certificate, which is its own CA
	saKey       string // service-account signing key; its public half verifies
	tokens      string // --token-auth-file
	adminToken  string
	userToken   string
}

// writeFiles generates a self-signed serving certificate for 127.0.0.1 and
// localhost, a service-account key pair and a token file with AdminUser (in
// system:masters) and User (in no group), and writes them under dir.
func writeFiles(dir string) (*files, error) {
	f := &files{
		certDir:     filepath.Join(dir, "certs"),
		servingCert: filepath.Join(dir, "certs", "apiserver.crt"),
		servingKey:  filepath.Join(dir, "certs", "apiserver.key"),
		saKey:       filepath.Join(dir, "certs", "service-account.key"),
		tokens:      filepath.Join(dir, "tokens.csv"),
	}
	if err := os.MkdirAll(f.certDir, 0o700); err != nil {
		return nil, fmt.Errorf("create cert dir: %w", err)
	}

	certPEM, keyPEM, err := selfSignedCert(time.Now())
	if err != nil {
		return nil, err
	}
	f.caPEM = certPEM
	if err := os.WriteFile(f.servingCert, certPEM, 0o600); err != nil {
		return nil, fmt.Errorf("write serving certificate: %w", err)
	}
	if err := os.WriteFile(f.servingKey, keyPEM, 0o600); err != nil {
		return nil, fmt.Errorf("write serving key: %w", err)
	}

	saKey, err := newKeyPEM()
	if err != nil {
		return nil, fmt.Errorf("service-account key: %w", err)
	}
	if err := os.WriteFile(f.saKey, saKey, 0o600); err != nil {
		return nil, fmt.Errorf("write service-account key: %w", err)
	}

	if f.adminToken, err = newToken(); err != nil {
		return nil, err
	}
	if f.userToken, err = newToken(); err != nil {
		return nil, err
	}
	if err := os.WriteFile(f.tokens, tokenFile(f.adminToken, f.userToken), 0o600); err != nil {
		return nil, fmt.Errorf("write token file: %w", err)
	}
	return f, nil
}

// tokenFile is the CSV of --token-auth-file: token,user,uid[,"groups"].
func tokenFile(adminToken, userToken string) []byte {
	return fmt.Appendf(nil, "%s,%s,%s,\"system:masters\"\n%s,%s,%s\n",
		adminToken, AdminUser, AdminUser+"-uid",
		userToken, User, User+"-uid")
}

func newToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func newKeyPEM() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	return marshalKey(key)
}

func marshalKey(key *ecdsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("marshal key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), nil
}

// selfSignedCert returns a serving certificate for the loopback names that
// is its own CA, valid for a day from now, and its key.
func selfSignedCert(now time.Time) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate serving key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, nil, fmt.Errorf("generate serial: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "kubetest-apiserver"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("create serving certificate: %w", err)
	}
	keyPEM, err = marshalKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), keyPEM, nil
}
