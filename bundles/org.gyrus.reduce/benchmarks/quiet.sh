#!/bin/bash
# wait (≤ $1 s) until other processes used < 15% of the machine over 2 s
max=${1:-120}; waited=0
while [ $waited -lt $max ]; do
  read -r _ a b c d e f g h _ < /proc/stat; t1=$((a+b+c+d+e+f+g+h)); i1=$((d+e))
  sleep 2
  read -r _ a b c d e f g h _ < /proc/stat; t2=$((a+b+c+d+e+f+g+h)); i2=$((d+e))
  busy=$(( 100 * ( (t2-t1) - (i2-i1) ) / (t2-t1) ))
  if [ $busy -lt 15 ]; then echo "quiet after ${waited}s (busy ${busy}%)"; exit 0; fi
  waited=$((waited+2))
done
echo "not quiet after ${max}s (busy ${busy}%)"
