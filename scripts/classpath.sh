#!/usr/bin/env bash
# Prints a class path for the soak drivers (in src/test/java): a private copy of the main and test
# classes, so a build running meanwhile cannot change them under a long run, plus every
# dependency jar. Builds the classes first.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile >&2 || mvn -B -q test-compile >&2
cp_file=target/soak-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2 \
  || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
run=target/soak-$$
mkdir -p "$run"
cp -r target/classes "$run/classes"
cp -r target/test-classes "$run/test-classes"
echo "$run/classes:$run/test-classes:$(cat "$cp_file")"
