#!/usr/bin/env bash
# Prints the test class path (main and test classes plus every dependency jar), building the
# classes first. Used by the soak scripts, which run drivers that live in src/test/java.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile >&2 || mvn -B -q test-compile >&2
cp_file=target/soak-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2 \
  || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
echo "target/classes:target/test-classes:$(cat "$cp_file")"
