#!/bin/sh
cd /tmp/ab-final
for i in 1 2; do
  echo "== $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  /tmp/gd/run.sh org.gyrus.nn.linalg.BDev 1024 30 old,new 1
  N=1024 /work/bin/gy-run env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 /tmp/gd/np1.py | tr '\n' ' '; echo
  /tmp/gd/run.sh org.gyrus.nn.linalg.BDev 2048 8 new,old 1
  N=2048 /work/bin/gy-run env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 /tmp/gd/np1.py | tr '\n' ' '; echo
  /tmp/gd/run.sh org.gyrus.nn.linalg.BDev 1024 40 old,new 2
  /tmp/gd/run.sh org.gyrus.nn.linalg.BDev 4096 3 new,old 2
  /tmp/rd/run.sh org.gyrus.reduce.RAB 1 8
  /tmp/rd/run.sh org.gyrus.reduce.RAB 2 8
done
echo "== done $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
