#!/usr/bin/env bash
# The external development set's command (../shared/eval-dev/README.md), in one script.
set -euo pipefail
cd "$(dirname "$0")/.."
set_dir="${EVAL_DEV:-../shared/eval-dev}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
python3 -c "import json,sys; [print(json.dumps({'id':d['id'],'question':d['question']},ensure_ascii=False)) for d in map(json.loads,open(sys.argv[1]))]" "$set_dir/questions.jsonl" > "$out/q.jsonl"
.venv/bin/casebook eval --dataset "$out/q.jsonl" --out "$out/out" > /dev/null
status=0
python3 "$set_dir/score.py" "$out/out/predictions.jsonl" || status=$?  # non-zero: a kind below 0.9
.venv/bin/python -m eval.routing "$set_dir/questions.jsonl" "$out/out/predictions.jsonl"
exit $status
