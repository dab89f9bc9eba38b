package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/wardsec/ward/internal/limits"
)

// EnvPrefix is the prefix of environment variables that set flags:
// --skip-check becomes WARD_SKIP_CHECK.
const EnvPrefix = "WARD_"

// EnvName returns the environment variable for a flag name.
func EnvName(flag string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// applySettings fills every flag the user did not set on the command line,
// first from WARD_* environment variables, then from the config file. One
// definition (the flag) carries the flag name, the config key (the same
// name) and the env var (EnvName), so they cannot drift apart.
func applySettings(cmd *cobra.Command, configPath string, configExplicit bool) error {
	file, err := readConfigFile(configPath, configExplicit)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	var firstErr error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		known[f.Name] = true
		if f.Changed || firstErr != nil || f.Name == "config" || f.Name == "help" {
			return
		}
		if v, ok := os.LookupEnv(EnvName(f.Name)); ok {
			if err := setFlag(f, []string{v}, true); err != nil {
				firstErr = fmt.Errorf("environment %s: %w", EnvName(f.Name), err)
			}
			return
		}
		if v, ok := file[f.Name]; ok {
			vals, err := configValues(v)
			if err != nil {
				firstErr = fmt.Errorf("config %s: key %q: %w", configPath, f.Name, err)
				return
			}
			if err := setFlag(f, vals, false); err != nil {
				firstErr = fmt.Errorf("config %s: key %q: %w", configPath, f.Name, err)
			}
		}
	})
	if firstErr != nil {
		return firstErr
	}
	for k := range file {
		if !known[k] && !globalKeys[k] {
			return fmt.Errorf("config %s: unknown key %q (keys are flag names, e.g. severity, format, policy)", configPath, k)
		}
	}
	return nil
}

// globalKeys are config keys that belong to other commands and are accepted
// everywhere, so one ward.yaml serves every command.
var globalKeys = map[string]bool{
	"format": true, "output": true, "severity": true, "exit-code": true, "policy": true,
	"skip-check": true, "ignore-file": true, "quiet": true, "show-suppressed": true,
	"helm-values": true, "helm-set": true, "tf-vars": true, "tf-var": true, "cf-param": true, "db": true, "ignore-unfixed": true, "vex": true, "input": true, "image-source": true, "insecure-registry": true, "platform": true, "domain": true, "timeout": true, "no-progress": true,
	"secret-config": true, "archive-depth": true, "no-archives": true, "max-file-size": true, "scanners": true, "history": true,
}

func setFlag(f *pflag.Flag, vals []string, fromEnv bool) error {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		if fromEnv && len(vals) == 1 {
			vals = splitList(vals[0])
		}
		return sv.Replace(vals)
	}
	if len(vals) != 1 {
		return fmt.Errorf("want one value, got %d", len(vals))
	}
	return f.Value.Set(vals[0])
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// configValues turns a config value into flag values: a scalar is one value,
// a list of scalars one value per item. Mappings are refused, whatever their
// key type (yaml.v3 decodes a nested mapping with non-string keys as
// map[any]any).
func configValues(v any) ([]string, error) {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			switch e.(type) {
			case map[string]any, map[any]any, []any:
				return nil, fmt.Errorf("list items must be scalars")
			}
			out = append(out, fmt.Sprint(e))
		}
		return out, nil
	case map[string]any, map[any]any:
		return nil, fmt.Errorf("want a scalar or a list")
	case nil:
		return []string{""}, nil
	default:
		return []string{fmt.Sprint(x)}, nil
	}
}

// maxConfigSize bounds ward.yaml.
const maxConfigSize = 1 << 20

// readConfigFile reads the config file at path; a missing file is no error
// unless the user named it. At most maxConfigSize+1 bytes are read.
func readConfigFile(path string, explicit bool) (map[string]any, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		if !explicit && os.IsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return parseConfig(path, b)
}

// parseConfig parses the bytes of a config file: a YAML mapping from flag
// names to values. It refuses input over maxConfigSize.
func parseConfig(path string, data []byte) (map[string]any, error) {
	if len(data) > maxConfigSize {
		return nil, &limits.LimitError{What: "config file size", Limit: maxConfigSize}
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, &limits.ParseError{Path: path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	return m, nil
}
