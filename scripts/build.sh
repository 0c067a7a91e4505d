#!/usr/bin/env bash
# Configure and build uabi with CMake.
#
#   scripts/build.sh              build into build/ (or $UABI_BUILD_DIR)
#   scripts/build.sh --sanitize   ASan+UBSan build into build-asan/
#   scripts/build.sh --fuzz       clang libFuzzer targets (ASan+UBSan) into build-fuzz/
#
# Warnings are errors when CI=true. Extra arguments after the options go to
# cmake's configure step (e.g. -DCMAKE_BUILD_TYPE=Debug).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${UABI_BUILD_DIR:-build}
opts=()
while (($#)); do
	case $1 in
	--sanitize)
		dir=build-asan
		opts+=(-DUABI_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
		shift
		;;
	--fuzz)
		dir=build-fuzz
		opts+=(-DUABI_FUZZ=ON -DUABI_TESTS=OFF -DCMAKE_C_COMPILER=clang)
		shift
		;;
	-h | --help)
		sed -n '2,9s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	--)
		shift
		break
		;;
	*)
		break
		;;
	esac
done
# explicit both ways: a cached ON from an earlier CI-like run must not stick
if [[ ${CI:-} == true ]]; then
	opts+=(-DUABI_WERROR=ON)
else
	opts+=(-DUABI_WERROR=OFF)
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$dir" "${opts[@]}" "$@"
cmake --build "$dir" -j "$jobs"
