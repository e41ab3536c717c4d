#!/usr/bin/env bash
# Seeds the fuzzers' corpora from the shipped files: scripts/fuzz-corpus.sh DIR
# writes DIR/model/ (every .toml of models/ and tests/data/, and the model
# findings tests/data/fuzz/model-*.toml), DIR/scenario/ (every .toml of
# scenarios/ and tests/data/, its `model = "..."` rewritten relative to the
# source root, where the harness's workdir has copies of models/ and
# tests/data/; and the case findings as they are) and DIR/hemsim.dict (the
# keys and table names of those files, for libFuzzer's -dict).
# Idempotent: files are named after their source path; new inputs the
# fuzzers add to DIR/model and DIR/scenario are kept.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: scripts/fuzz-corpus.sh DIR}"
mkdir -p "$out/model" "$out/scenario"

# A source path as one file name: tests/data/good/chain.toml -> tests-data-good-chain.toml.
flat() { echo "${1//\//-}"; }

mapfile -t shipped < <(cd "$root" && find models scenarios tests/data -name '*.toml' -not -path 'tests/data/fuzz/*' | sort)
for rel in "${shipped[@]}"; do
  case "$rel" in scenarios/*) ;; *) cp "$root/$rel" "$out/model/$(flat "$rel")" ;; esac
  # As a case: the model's path from the source root (what the workdir mirrors).
  dir="$(dirname "$rel")"
  model="$(sed -n 's/^model *= *"\(.*\)".*/\1/p' "$root/$rel" | head -1)"
  if [ -n "$model" ]; then
    to="$(realpath -m --relative-to="$root" "$root/$dir/$model")"
    sed "s|^model *= *\"[^\"]*\"|model = \"$to\"|" "$root/$rel" >"$out/scenario/$(flat "$rel")"
  fi
done
shopt -s nullglob
for f in "$root"/tests/data/fuzz/model-*.toml; do cp "$f" "$out/model/"; done
for f in "$root"/tests/data/fuzz/case-*.toml; do cp "$f" "$out/scenario/"; done

# The dictionary: every key (inline tables' too) and [table] / [[array]] name, and TOML's punctuation.
{
  printf '%s\n' '"="' '"[["' '"]]"' '"{"' '"}"' '"\""' '"true"' '"false"' '"2008-01-01"' '"1e308"' '"999999"' '"1e6"' '"nan"' '"inf"' '"-0.0"'
  cat "${shipped[@]/#/$root/}" | grep -v '^[[:space:]]*#' |
    grep -oE '[A-Za-z_][A-Za-z0-9_.-]*[[:space:]]*=|\[\[?[A-Za-z0-9_.-]+\]' | tr -d '[]= \t' |
    tr '.' '\n' | grep -E '^[A-Za-z_][A-Za-z0-9_-]*$' | sort -u | sed 's/.*/"&"/'
} >"$out/hemsim.dict"
echo "fuzz-corpus: $(ls "$out/model" | wc -l) model and $(ls "$out/scenario" | wc -l) case inputs, $(wc -l <"$out/hemsim.dict") dictionary entries in $out"
