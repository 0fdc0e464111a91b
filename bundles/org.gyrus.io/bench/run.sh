#!/bin/sh
# Gyrus NIfTI/CSV I/O side by side with nibabel, in one run on this machine.
#
#   bundles/org.gyrus.io/bench/run.sh [DATA_DIR] [CSV_FILE] [OUT_DIR]
#
# Needs the module built (./mvnw -o verify -pl bundles/org.gyrus.data,bundles/org.gyrus.io), Debian's
# python3-nibabel/python3-numpy (/usr/bin/python3) and the peers' scripts (bench/peers, or $PEERS).
# Makes the NIfTI files with gen_data.py when DATA_DIR lacks them; the CSV is gen_data.py's tabular_1M.csv.
# Order: nibabel loads (bench_peers.py W1, which waits for a quiet machine), nibabel writes, then Gyrus;
# finally summarize.py prints the table with the ratios (Gyrus median / nibabel median).
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
PEERS=${PEERS:-$repo/bench/peers}
DATA=${1:-/tmp/gyrus-io-bench}
CSV=${2:-/tmp/gyrus-bench-data/tabular_1M.csv}
OUT=${3:-/tmp/gyrus-io-bench-run}
mkdir -p "$OUT"
if [ ! -f "$DATA/vol3d_256.nii" ] || [ ! -f "$DATA/fmri4d_64x64x36x200.nii.gz" ]; then
    /usr/bin/python3 "$PEERS/gen_data.py" --out "$DATA" --only vol3d,fmri4d
fi
if [ ! -f "$CSV" ]; then
    /usr/bin/python3 "$PEERS/gen_data.py" --out "$(dirname "$CSV")" --only csv
fi
CP=$("$here/classpath.sh")
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" "$here/IoBenchmark.java"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "nibabel: $(/usr/bin/python3 -c 'import nibabel, numpy; print(nibabel.__version__, "numpy", numpy.__version__)')"
    echo "uptime at start: $(uptime)"
} > "$OUT/machine.txt"
/usr/bin/python3 "$PEERS/bench_peers.py" --data "$DATA" --only W1 --out "$OUT/peer_w1.json" > "$OUT/peer_w1.log" 2>&1
/usr/bin/python3 "$here/nibabel_io.py" "$DATA" "$OUT/nib" 5 > "$OUT/nibabel_writes.jsonl"
java --add-modules jdk.incubator.vector -Xms6g -Xmx6g -cp "$OUT/classes:$CP" IoBenchmark "$DATA" "$CSV" "$OUT/gyrus" 5 2 > "$OUT/gyrus.jsonl"
echo "uptime at end: $(uptime)" >> "$OUT/machine.txt"
/usr/bin/python3 "$here/summarize.py" "$OUT"
