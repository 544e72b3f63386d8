#!/usr/bin/env bash
# Drives the wizard in a real terminal: a detached tmux session at 100x30,
# keys sent with send-keys, the screen read with capture-pane.
#
#  1. Enter only: from the welcome screen to the done screen, which must
#     show the verification rows and the DDL; Enter leaves, the exit code
#     is 0, the DDL is on stdout and the terminal is back to normal.
#     Before leaving, v checks every link of the setup just made.
#  2. c on the welcome screen checks an empty sandbox, read-only: the
#     broken links are named, q leaves with exit code 1 and the report on
#     stdout.
#  3. Ctrl+C on the review: the wizard asks, y leaves with exit code 130
#     and the terminal restored.
#
# By default it builds bin/wizard and runs what `make run` runs (the
# in-process sandbox). WIZARD_CMD replaces the command (the ui package's
# test passes its own harness). Exits non-zero on any failure, printing
# the screen it last saw.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null 2>&1 || { echo "tui-e2e: tmux is not installed" >&2; exit 2; }

work="$(mktemp -d)"
session="wizard-e2e-$$"
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${WIZARD_CMD:-}" ]; then
  make -s build
  WIZARD_CMD="./bin/wizard"
fi

screen() { tmux capture-pane -p -t "$session" 2>/dev/null || true; }

fail() {
  echo "tui-e2e: FAIL: $*" >&2
  echo "---- last screen ----" >&2
  screen >&2
  echo "---------------------" >&2
  exit 1
}

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows.
wait_for() {
  local text="$1" limit="${2:-15}" i
  for ((i = 0; i < limit * 10; i++)); do
    if screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.1
  done
  fail "timed out after ${limit}s waiting for: $text"
}

# enter_until TEXT [SECONDS]: press Enter (and nothing else) until TEXT
# shows, looking at the screen a few times after each press.
enter_until() {
  local text="$1" limit="${2:-30}" deadline i
  deadline=$((SECONDS + limit))
  while ((SECONDS < deadline)); do
    if screen | grep -qF -- "$text"; then return 0; fi
    tmux send-keys -t "$session" Enter
    for ((i = 0; i < 5; i++)); do
      sleep 0.05
      if screen | grep -qF -- "$text"; then return 0; fi
    done
  done
  fail "pressed Enter for ${limit}s and never saw: $text"
}

# start NAME: run the wizard in a fresh session with its own state and
# output directories; stdout (the DDL) goes to a file, the screen to the pane.
start() {
  local name="$1"
  mkdir -p "$work/$name"
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 100 -y 30 \
    "$WIZARD_CMD --state-file '$work/$name/session.yaml' --out '$work/$name/out' > '$work/$name/stdout'; echo \"EXIT=\$?\" > '$work/$name/exit'; sleep 60"
  tmux resize-window -t "$session" -x 100 -y 30 2>/dev/null || true
}

# exit_code NAME: wait for the wizard to end and print its exit code.
exit_code() {
  local name="$1" i
  for ((i = 0; i < 300; i++)); do
    if [ -s "$work/$name/exit" ]; then sed 's/^EXIT=//' "$work/$name/exit"; return 0; fi
    sleep 0.1
  done
  fail "the wizard did not exit"
}

# 1. Enter only, to the done screen.
start enter
wait_for "enter start"
enter_until "MaxCompute project and region"
enter_until "RAM role and policy"
enter_until "Tablestore instance and table"
enter_until "External table in account B"
enter_until "7/10 Review"
wait_for "enter applies it" 30 # no key while observing: Enter on the plan applies it
enter_until "Verified:" 60
enter_until "Setup complete"
done_screen="$(screen)"
grep -qF "CREATE EXTERNAL TABLE IF NOT EXISTS" <<<"$done_screen" || fail "the done screen has no DDL"
grep -qE "Verified: [1-9][0-9]* rows" <<<"$done_screen" || fail "the done screen has no rows"
grep -qE "WHERE vid = [0-9]+ LIMIT 10" <<<"$done_screen" || fail "the verification query did not select on a sample key"
tmux send-keys -t "$session" v # check every link of the setup just made
wait_for "Every link holds" 30
tmux send-keys -t "$session" Escape
wait_for "Setup complete"
tmux send-keys -t "$session" Enter
code="$(exit_code enter)"
[ "$code" = 0 ] || fail "Enter on the done screen exited $code, want 0"
grep -qF "CREATE EXTERNAL TABLE" "$work/enter/stdout" || fail "the DDL is not on stdout"
sleep 0.2
if screen | grep -qF "Setup complete"; then fail "the terminal still shows the wizard after it exited"; fi
echo "tui-e2e: Enter only reached the done screen with rows and the DDL, every link checked; exit 0"

# 2. c on the welcome screen checks an empty sandbox: the broken links, exit 1.
start check
wait_for "c check an existing setup"
tmux send-keys -t "$session" c
wait_for "2/7 Accounts"
enter_until "7/7 Check"
wait_for "3 links broken: role, instance, external table" 30
tmux send-keys -t "$session" q
code="$(exit_code check)"
[ "$code" = 1 ] || fail "q after a check with broken links exited $code, want 1"
grep -qF "✗ role" "$work/check/stdout" || fail "the check's report is not on stdout"
echo "tui-e2e: c on the welcome screen checked every link read-only; exit 1 with the report on stdout"

# 3. Ctrl+C asks, y leaves with 130.
start ctrlc
wait_for "enter start"
enter_until "7/10 Review"
wait_for "enter applies it" 30
tmux send-keys -t "$session" C-c
wait_for "Leave the wizard?"
tmux send-keys -t "$session" y
code="$(exit_code ctrlc)"
[ "$code" = 130 ] || fail "Ctrl+C, y exited $code, want 130"
sleep 0.2
if screen | grep -qF "Leave the wizard?"; then fail "the terminal was not restored after Ctrl+C"; fi
echo "tui-e2e: Ctrl+C asked, y left with exit 130 and the terminal restored"
