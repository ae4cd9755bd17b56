#!/usr/bin/env bash
# The bash completion of quantscope-cli, called as bash calls it (COMP_WORDS, COMP_CWORD) for
# commands, options and option values.
#   bash_completion.sh COMPLETION_FILE QUANTSCOPE_CLI
set -uo pipefail

completion=$1
cli=$2
# shellcheck source=/dev/null
source "$completion"
failures=0

# complete WORD... -> the candidates for the last word, one line, sorted.
complete_words() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _quantscope_cli
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

expect() {
    local want=$1
    shift
    local got
    got=$(complete_words "$@")
    if [ "$got" != "$want" ]; then
        echo "FAIL: [$*] completes to [$got], expected [$want]" >&2
        failures=$((failures + 1))
    fi
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
touch "$scratch/weights.npy" "$scratch/weights.safetensors" "$scratch/other.gguf"

expect "model" "$cli" mo
expect "compare convert" "$cli" co
expect "activations analyze bench compare convert generate list mitigate model plot report sweep tutorial" "$cli" ""
expect "hadamard" "$cli" mitigate --rotate ""
expect "--version" "$cli" --ver
expect "--param" "$cli" sweep --pa
expect "--points" "$cli" sweep --json --po
expect "bits clip outlier" "$cli" sweep --param ""
expect "asymmetric" "$cli" analyze --json --scheme as
expect "half-away half-even half-up" "$cli" analyze --rounding half
expect "4 8" "$cli" compare --bits-class ""
expect "" "$cli" analyze --bits ""                       # a number: nothing to offer
expect "--dump-blocks --dump-codes --dump-dequant --dump-scales" "$cli" analyze --dump
expect "$scratch/weights.npy $scratch/weights.safetensors" "$cli" analyze -i "$scratch/we"
expect "$scratch/other.gguf" "$cli" model "$scratch/o"   # the positional FILE

if [ "$failures" -ne 0 ]; then
    echo "$failures completion(s) wrong" >&2
    exit 1
fi
echo "bash completion answers for commands, options and values"
