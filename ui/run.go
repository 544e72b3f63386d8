package ui

import (
	"context"
	"errors"

	tea "github.com/charmbracelet/bubbletea"
)

// Run shows the wizard until the user finishes or leaves, and says how it
// ended. The terminal is restored whatever happens; a cancelled ctx (a
// signal) ends it as interrupted.
func Run(ctx context.Context, opts Options) (Result, error) {
	saved, loadErr := loadSession(opts.StateFile)
	if opts.Resume == ResumeNever {
		saved = nil
	}
	if opts.Accessible {
		return runAccessible(ctx, opts, saved, loadErr)
	}
	m := newModel(ctx, opts, saved)
	if loadErr != nil {
		// A broken resume file must not keep anyone from the wizard.
		m.setNotice("starting afresh: "+loadErr.Error(), true)
	}
	p := tea.NewProgram(m,
		tea.WithContext(ctx),
		tea.WithInput(inputOf(opts)),
		tea.WithOutput(outputOf(opts)),
		tea.WithAltScreen(),
	)
	final, err := p.Run()
	res := m.Result()
	if fm, ok := final.(model); ok {
		res = fm.Result()
	}
	switch {
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled), ctx.Err() != nil:
		if fm, ok := final.(model); ok {
			res.Spec = fm.wiz.Spec()
		}
		res.Interrupted, res.Finished = true, false
		return res, nil
	case err != nil:
		return res, err
	}
	return res, nil
}
