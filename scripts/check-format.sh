#!/usr/bin/env bash
# Checks that every C++ file of src/ and tests/ is as clang-format-14 writes it
# under .clang-format, and names those that are not.
#
#   scripts/check-format.sh          OK, or the files and the command that mends them (exit 1)
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$fmt" ] || { echo "check-format: clang-format-14 is missing (scripts/bootstrap.sh installs it)" >&2; exit 1; }
bad=()
while IFS= read -r f; do
  "$fmt" --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 2>/dev/null \
         || find src tests -name '*.cpp' -o -name '*.hpp')
if ((${#bad[@]})); then
  printf 'check-format: not formatted: %s\n' "${bad[@]}" >&2
  echo "check-format: mend with: $fmt -i ${bad[*]}" >&2
  exit 1
fi
echo "check-format: OK"
