import os
os.environ["OMP_NUM_THREADS"]="2"
import time, torch, torch.nn.functional as F
torch.set_num_threads(2)
def t(fn, iters, reps=5):
    for _ in range(iters): fn()
    best=1e9
    for _ in range(reps):
        t0=time.perf_counter()
        for _ in range(iters): fn()
        best=min(best,(time.perf_counter()-t0)/iters*1e3)
    return best
def conv(name,n,cin,cout,h):
    x=torch.randn(n,cin,h,h); w=torch.randn(cout,cin,3,3)*0.05; b=torch.randn(cout); u=torch.randn(n,cout,h,h)
    with torch.no_grad(): f=t(lambda: F.conv2d(x,w,b,padding=1),10)
    x.requires_grad_(True)
    def fx():
        x.grad=None; F.conv2d(x,w,None,padding=1).backward(u)
    dx=t(fx,10)-f
    x.requires_grad_(False); w.requires_grad_(True)
    def fw():
        w.grad=None; F.conv2d(x,w,None,padding=1).backward(u)
    dw=t(fw,10)-f
    print("%s fwd %.2f ms, dx %.2f ms, dw %.2f ms"%(name,f,dx,dw))
for r in range(2):
    conv("a 32->64",32,32,64,28); conv("b 32->32",32,32,32,28); conv("b 1->32",32,1,32,28)
    xc=torch.randn(1,16,64,64,64); wc=torch.randn(16,16,3,3,3); bc=torch.randn(16)
    with torch.no_grad(): print("c fwd %.2f ms"%t(lambda: F.conv3d(xc,wc,bc,padding=1),3))
