#!/usr/bin/env bash
# Resident memory of the app's JVM across model switches (issue 8, item 1).
# Usage: scripts/model-switch-rss.sh [SWITCHES]   (default 20; each switch takes 5-30 s)
# Runs the views' models headless through ModelSession and prints one line per switch:
# resident set size, the native bytes JavaCPP tracks, and the Java heap in use. The JVM gets the
# same memory options as the app (pom.xml, javafx-maven-plugin).
set -euo pipefail
cd "$(dirname "$0")/.."
cp=$(scripts/classpath.sh)
exec java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=${PIXELSCOPE_MAXBYTES:-4G} \
  -Dorg.bytedeco.javacpp.maxphysicalbytes=${PIXELSCOPE_MAXPHYSICALBYTES:-10G} \
  -cp "$cp" org.pixelscope.ui.soak.ModelSwitchSoak "$@"
