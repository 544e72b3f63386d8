package cloud

// Options tune a Session made by NewSession.
type Options struct {
	Retry RetryPolicy
	Poll  PollPolicy
	// DemoRows is how many deterministic demo rows the sample-rows step
	// writes into a table this run created (0: none). Tables the run did not
	// create are never written to.
	DemoRows int
	// ReplaceExternalTable is the user's consent to DROP and re-create an
	// external table whose definition differs from the spec. Without it
	// such a table blocks the apply and is left alone.
	ReplaceExternalTable bool
	// SQLHints travel with every SQL statement (e.g.
	// odps.task.major.version=unstructured_data for old projects).
	SQLHints map[string]string
}

// DefaultOptions are the options of a live run.
func DefaultOptions() Options {
	return Options{Retry: DefaultRetryPolicy(), Poll: DefaultPollPolicy()}
}

// DefaultDiscoverRows is how many rows DiscoverTable samples when asked for
// none.
const DefaultDiscoverRows = 100
