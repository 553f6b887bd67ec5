package tui

import (
	"testing"
)

// BenchmarkView120x40 draws the review screen with every step done.
func BenchmarkView120x40(b *testing.B) {
	rep := missingRoleReport()
	m, clk := testModel(b, testConfig(), Options{Version: "v1.0.0"}, rep, 120, 40)
	m.Init()
	feedRun(b, m, clk, rep)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkVerdict120x40 draws the verdict screen.
func BenchmarkVerdict120x40(b *testing.B) {
	rep := missingRoleReport()
	m, clk := testModel(b, testConfig(), Options{Version: "v1.0.0"}, rep, 120, 40)
	m.Init()
	feedRun(b, m, clk, rep)
	mustUpdate(m, press("v"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}
