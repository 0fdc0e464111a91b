#!/bin/sh
# Prints the class path of org.gyrus.io and its dependencies from a built tree and ~/.m2.
here=$(cd "$(dirname "$0")/.." && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
jar() { ls "$m2/$1" 2>/dev/null | head -1; }
echo "$here/target/classes:$here/../org.gyrus.data/target/classes:$here/../org.gyrus.nn/target/classes:$(jar net/imglib2/imglib2/8.0.1/imglib2-8.0.1.jar):$(jar org/joml/joml/1.10.8/joml-1.10.8.jar):$(jar com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar):$(jar com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar):$(jar com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar)"
