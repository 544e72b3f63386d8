package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ProfileNames returns the profile names of the aliyun CLI's config file
// (~/.aliyun/config.json) for the accounts screen's picker. A missing file
// has no profiles; nothing but the names is read into memory for long.
func ProfileNames(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseProfileNames(data)
}

func parseProfileNames(data []byte) ([]string, error) {
	var cfg struct {
		Current  string `json:"current"`
		Profiles []struct {
			Name string `json:"name"`
		} `json:"profiles"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("the aliyun CLI config is not valid JSON: %v", err)
	}
	var names []string
	for _, p := range cfg.Profiles {
		if p.Name != "" {
			names = append(names, p.Name)
		}
	}
	return names, nil
}

// DefaultConfigFile is the aliyun CLI's config file under home.
func DefaultConfigFile(home string) string { return filepath.Join(home, ".aliyun", "config.json") }
