# Helpers shared by the scripts in .ci/ (sourced, not run).

AUGURY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
JOBS="${JOBS:-2}"
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when root already, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install these packages yourself, or run as root)"
  fi
}

# version_ge A B: A >= B for dotted version numbers.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

cmake_version() { cmake --version 2>/dev/null | sed -n 's/^cmake version \([0-9.]*\).*/\1/p'; }
cmake_ok() { local v; v="$(cmake_version)"; [ -n "$v" ] && version_ge "$v" 3.20; }

# Puts CMake and Ninja on PATH, preferring those already there, else the ones installed by pip
# (whose command wrappers may not be on PATH yet, e.g. under pyenv before a rehash).
find_build_tools() {
  local dir
  if ! cmake_ok; then
    dir="$("$PYTHON" -c 'import cmake; print(cmake.CMAKE_BIN_DIR)' 2>/dev/null)" &&
      PATH="$dir:$PATH"
  fi
  if ! command -v ninja >/dev/null 2>&1; then
    dir="$("$PYTHON" -c 'import ninja; print(ninja.BIN_DIR)' 2>/dev/null)" && PATH="$dir:$PATH"
  fi
  export PATH
  cmake_ok || die "CMake >= 3.20 not found (try: $PYTHON -m pip install cmake)"
  command -v ninja >/dev/null 2>&1 || die "Ninja not found (try: $PYTHON -m pip install ninja)"
}

# pip install into the active Python. A Python managed by the system package manager
# (PEP 668) is only written to on CI; elsewhere use a virtual environment.
pip_install() {
  local extra=()
  if "$PYTHON" - <<'PY'
import os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
sys.exit(0 if sys.prefix == sys.base_prefix and os.path.exists(marker) else 1)
PY
  then
    if [ "${CI:-}" = true ]; then
      extra+=(--break-system-packages)
    else
      die "$PYTHON belongs to the system package manager; create a virtual environment first:
  python3 -m venv .venv && . .venv/bin/activate"
    fi
  fi
  "$PYTHON" -m pip install "${extra[@]}" "$@"
}
