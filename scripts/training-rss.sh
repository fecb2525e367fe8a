#!/usr/bin/env bash
# Resident memory through a training run with sampling every epoch (issue 8, item 8).
# Usage: scripts/training-rss.sh [EPOCHS] [IMAGES_PER_EPOCH]   (default 5 and 2000)
# Trains the chapter PixelCNN through the Train view's model and draws a new generation through
# the Sample view's model after every epoch, printing resident memory each time. Same JVM memory
# options as the app (pom.xml, javafx-maven-plugin).
set -euo pipefail
cd "$(dirname "$0")/.."
cp=$(scripts/classpath.sh)
exec java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=${PIXELSCOPE_MAXBYTES:-4G} \
  -Dorg.bytedeco.javacpp.maxphysicalbytes=${PIXELSCOPE_MAXPHYSICALBYTES:-10G} \
  -cp "$cp" org.pixelscope.ui.soak.TrainingSoak "$@"
