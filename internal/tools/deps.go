//go:build tools

// Package tools pins the modules the packages are being built against while
// they are written in parallel; it is never compiled into the binary.
package tools

import (
	_ "github.com/aliyun/alibaba-cloud-sdk-go/services/ots"
	_ "github.com/aliyun/alibaba-cloud-sdk-go/services/ram"
	_ "github.com/aliyun/alibaba-cloud-sdk-go/services/sts"
	_ "github.com/aliyun/aliyun-odps-go-sdk/odps"
	_ "github.com/aliyun/aliyun-tablestore-go-sdk/tablestore"
	_ "github.com/aliyun/credentials-go/credentials"
	_ "github.com/charmbracelet/bubbles/spinner"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/huh"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/term"
	_ "google.golang.org/protobuf/proto"
)
