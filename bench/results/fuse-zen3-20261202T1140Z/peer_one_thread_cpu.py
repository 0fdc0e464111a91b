import os, sys, time, numpy as np
which = sys.argv[1]; runs = int(sys.argv[2])
def t(fn, setup=None, n=runs):
    out = []
    for r in range(n + 1):
        st = setup() if setup else None
        c0 = time.process_time(); fn(st); c1 = time.process_time()
        if r: out.append((c1 - c0) * 1000)
    return out
if which == "W3":
    from sklearn.decomposition import PCA
    X = np.load("/tmp/gyrus-bench-data/pca_10000x1000.npy")
    res = t(lambda _: PCA(50, svd_solver="randomized", random_state=0).fit_transform(X))
    from threadpoolctl import threadpool_info
    print("blas", [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()])
else:
    import torch, torch.nn as nn
    torch.set_num_threads(1)
    if which == "W4":
        X = torch.from_numpy(np.load("/tmp/gyrus-bench-data/images_x.npy").reshape(-1, 784)); n = X.shape[0]
        def make():
            torch.manual_seed(0); dims = [784, 256, 32, 256]; L = []
            for a, b in zip(dims[:-1], dims[1:]): L += [nn.Linear(a, b), nn.ReLU()]
            L += [nn.Linear(256, 784), nn.Sigmoid()]; m = nn.Sequential(*L)
            return m, torch.optim.Adam(m.parameters(), lr=1e-3), torch.Generator().manual_seed(1)
        def epoch(st):
            m, opt, g = st; perm = torch.randperm(n, generator=g); lf = nn.MSELoss()
            for i in range(0, n, 256):
                xb = X[perm[i:i+256]]; loss = lf(m(xb), xb); opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); loss.item()
        res = t(epoch, make)
    else:
        torch.manual_seed(0); B, L, D, H = 32, 64, 128, 4
        x = torch.randn(B, L, D); tgt = torch.randn(B, L, D)
        layer = nn.TransformerEncoderLayer(d_model=D, nhead=H, dim_feedforward=256, batch_first=True, dropout=0.0)
        opt = torch.optim.Adam(layer.parameters(), lr=1e-3)
        def train(_):
            layer.train()
            for _ in range(20):
                out = layer(x); loss = ((out - tgt) ** 2).mean(); opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        def infer(_):
            layer.eval()
            with torch.no_grad():
                for _ in range(50): out = layer(x)
        res = t(train if which == "W5train" else infer)
res.sort(); print(which, "1-thread process CPU ms median %.1f min %.1f max %.1f" % (res[len(res)//2], res[0], res[-1]), [round(v,1) for v in res])
