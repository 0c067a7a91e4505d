#!/usr/bin/env bash
# Regenerate the expected dumps of the golden cases with the current uabi:
#   tests/golden/update.sh [UABI] [CASE...]
# Review the diff before committing: each change must be explained by a
# change of uabi or of the case.
exec "$(dirname "$0")/run.sh" --update "$@"
