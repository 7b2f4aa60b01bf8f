#!/usr/bin/env bash
# Issue 12 vocabulary: a run's theme is a CandidateTheme (table "themes" unchanged), its
# members CandidateThemeProposal; the two WorkshopRow classes named by role. Re-runnable from
# the repository root (idempotent: already renamed names are not matched again).
set -euo pipefail
THEME_FILES=$(grep -rlE '\b(Theme|ThemeProposal)\b' --include=*.py consult tests forms \
  | xargs grep -lE 'consult\.themes\.models import|^class Theme\(db\.Model\)|^from consult\.themes\.models' || true)
perl -pi -e 's/\bThemeProposal\b/CandidateThemeProposal/g; s/(?<!_\(")(?<!fi\(")\bTheme\b/CandidateTheme/g' $THEME_FILES
perl -pi -e 's/\bWorkshopRow\b/ImportedWorkshop/g' consult/imports/services.py
perl -pi -e 's/\bWorkshopRow\b/WorkshopParticipation/g' \
  $(grep -rlw WorkshopRow --include=*.py consult tests | grep -v consult/imports/services.py || true)
.venv/bin/ruff check --fix -q consult tests forms
.venv/bin/ruff format -q consult tests forms
