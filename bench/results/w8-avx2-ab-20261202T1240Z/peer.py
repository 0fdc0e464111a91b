import os, sys, time
NT = os.environ.get("PEER_THREADS", "2")
CPU = os.environ.get("PEER_CPU") == "1"
for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[k] = NT
os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
import torch
try:
    from threadpoolctl import threadpool_limits, threadpool_info
    threadpool_limits(limits=int(NT), user_api="blas")
    info = [(d.get("internal_api"), d.get("architecture"), d.get("num_threads")) for d in threadpool_info()]
except Exception as e:
    info = str(e)
torch.set_num_threads(int(NT))
torch.manual_seed(0)
mats = {n: (torch.randn(n, n), torch.randn(n, n)) for n in (1024, 4096)}
for n in mats:
    a, b = mats[n]
    for _ in range(2):
        torch.matmul(a, b)
sys.stderr.write(f"peer ready: torch {torch.__version__} threads {torch.get_num_threads()} blas {info}\n")
sys.stdout.write("ready\n"); sys.stdout.flush()
for line in sys.stdin:
    n, reps = map(int, line.split())
    a, b = mats[n]
    clock = time.process_time if CPU else time.perf_counter
    t0 = clock()
    for _ in range(reps):
        c = torch.matmul(a, b)
    t = clock() - t0
    sys.stdout.write(f"{t}\n"); sys.stdout.flush()
