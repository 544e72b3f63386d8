package ui

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/steps"
)

// BenchmarkStartupToFirstFrame is the time from nothing to the first
// frame: the model built from the options, Init, the terminal's size and
// the first View.
func BenchmarkStartupToFirstFrame(b *testing.B) {
	opts := testOptions(b, newFakeCloud())
	for b.Loop() {
		m := newModel(context.Background(), opts, nil)
		_ = m.Init()
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = next.View()
	}
}

// benchModel drives a model at 100×30 to a page for the View benchmarks.
func benchModel(b *testing.B, to func(*driver)) model {
	b.Helper()
	f := newFakeCloud()
	d := newDriver(b, testOptions(b, f), nil)
	to(d)
	return d.m
}

func benchView(b *testing.B, m model) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

func BenchmarkViewReview(b *testing.B) {
	benchView(b, benchModel(b, func(d *driver) { d.toReview() }))
}

func BenchmarkViewReviewDDL(b *testing.B) {
	benchView(b, benchModel(b, func(d *driver) { d.toReview().keys("tab", "tab", "tab") }))
}

func BenchmarkViewRun(b *testing.B) {
	m := benchModel(b, func(d *driver) {
		d.toReview()
		// Apply, holding the role's call in flight with a long log.
		d.pressHeld(tea.KeyMsg{Type: tea.KeyEnter})
		role := d.m.wiz.Step(steps.StepRole)
		ch := make(chan cloud.Progress)
		close(ch)
		for i := 0; i < 40; i++ {
			d.send(progressMsg{effect: steps.Effect{Kind: steps.EffectApply, Step: steps.StepRole, RunID: role.RunID},
				p: cloud.Progress{Message: fmt.Sprintf("waiting for role to propagate (%d/40)", i)}, ch: ch})
		}
		d.m.calls.cancelAll()
	})
	if m.page() != pageRun {
		b.Fatalf("on %s", m.page())
	}
	benchView(b, m)
}

func BenchmarkViewDone(b *testing.B) {
	benchView(b, benchModel(b, func(d *driver) { d.toDone() }))
}

func BenchmarkViewTablestoreForm(b *testing.B) {
	benchView(b, benchModel(b, func(d *driver) { d.enterUntil(pageTablestore, 20) }))
}

// BenchmarkViewCheck is the check page with broken links: causes and
// fixes under three of them.
func BenchmarkViewCheck(b *testing.B) {
	m := benchModel(b, func(d *driver) { d.keys("c").enterUntil(pageCheck, 40) })
	if m.check.report == nil || len(m.check.report.Broken()) == 0 {
		b.Fatal("no finished check with broken links")
	}
	benchView(b, m)
}
