# Sourced by difftest: sets PY to a Python 3 that has
# PyYAML (the one on PATH, else the system's), or leaves it empty.
PY=
for p in "${DIFFTEST_PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$p" ] || continue
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import yaml, sys; sys.exit(sys.version_info < (3, 6))' 2>/dev/null; then
        PY=$p
        break
    fi
done
