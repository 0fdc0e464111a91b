import os, time, numpy as np
from threadpoolctl import threadpool_limits, threadpool_info
n=int(os.environ.get("N","2048"))
a=np.random.rand(n,n).astype(np.float32); b=np.random.rand(n,n).astype(np.float32)
with threadpool_limits(1):
    print([ (i['internal_api'], i.get('architecture')) for i in threadpool_info()])
    a@b
    for r in range(8):
        t0=time.thread_time(); 
        for i in range(3): a@b
        t=time.thread_time()-t0
        print("GFLOP/s %.0f" % (3*2*n**3/t/1e9))
