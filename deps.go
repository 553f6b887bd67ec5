//go:build tools

package main

import (
	_ "charm.land/bubbles/v2/spinner"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/lipgloss/v2"
	_ "github.com/Azure/azure-sdk-for-go/sdk/azcore"
	_ "github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/openai/openai-go/v3"
	_ "go.yaml.in/yaml/v3"
)
