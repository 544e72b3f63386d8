package aliyun_test

import (
	"context"
	"testing"
	"time"

	"github.com/mcots/wizard/cloud"
	"github.com/mcots/wizard/cloud/sandbox"
	"github.com/mcots/wizard/steps"
)

// BenchmarkApplySeed applies the seed example on a fresh sandbox (instances
// and tables ready at once) and reports the wall time of the apply, the
// calls each service served, and the sandbox's own time serving them.
func BenchmarkApplySeed(b *testing.B) {
	var wall, serve time.Duration
	calls := map[sandbox.Service]int{}
	for range b.N {
		b.StopTimer()
		w := newWorld(b, sandbox.Options{DemoRows: 20})
		s := w.session(fastOptions())
		spec := w.seedSpec()
		b.StartTimer()
		start := time.Now()
		end := drive(b, context.Background(), s, spec)
		wall += time.Since(start)
		b.StopTimer()
		if end.Phase() != steps.PhaseDone {
			b.Fatalf("apply ended %s", end.Phase())
		}
		serve += w.sb.ServeTime()
		for c, st := range w.sb.Calls() {
			if c.Action[:min(4, len(c.Action))] != "SQL " { // statements are counted inside their REST call
				calls[c.Service] += st.Count
			}
		}
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(wall.Microseconds())/1000/n, "wall-ms/op")
	b.ReportMetric(float64(serve.Microseconds())/1000/n, "sandbox-ms/op")
	b.ReportMetric(float64(serve)/float64(wall), "sandbox/wall")
	total := 0
	for svc, c := range calls {
		b.ReportMetric(float64(c)/n, string(svc)+"-calls/op")
		total += c
	}
	b.ReportMetric(float64(total)/n, "calls/op")
}

// BenchmarkDoctorHealthySetup checks every link of an applied seed setup,
// the verification query included, and reports the calls it takes.
func BenchmarkDoctorHealthySetup(b *testing.B) {
	w := newWorld(b, sandbox.Options{DemoRows: 20})
	end := drive(b, context.Background(), w.session(fastOptions()), w.seedSpec())
	if end.Phase() != steps.PhaseDone {
		b.Fatalf("apply ended %s", end.Phase())
	}
	spec := end.Spec()
	s := w.session(fastOptions())
	w.sb.ResetCalls()
	for b.Loop() {
		rep, err := s.Doctor(context.Background(), spec, cloud.DoctorOptions{}, nil)
		if err != nil || !rep.Healthy() {
			b.Fatalf("doctor: %v %+v", err, rep.Broken())
		}
	}
	total := 0
	for c, st := range w.sb.Calls() {
		if c.Action[:min(4, len(c.Action))] != "SQL " {
			total += st.Count
		}
	}
	b.ReportMetric(float64(total)/float64(b.N), "calls/op")
	if n := w.sb.Writes(); n != 0 {
		b.Fatalf("doctor wrote %d times", n)
	}
}
