import numpy as np, math
X=np.linspace(0,4,20001)
E=np.array([math.erf(v) for v in X])
def fit(nn, nd, iters=30):
    t=X*X
    w=np.ones_like(X)
    for _ in range(iters):
        # erf(x) = x*N(t)/D(t), D(0)=1: x*N(t) - erf*(D(t)-1) = erf
        A=np.hstack([ (X[:,None]*t[:,None]**np.arange(nn)), -(E[:,None]*t[:,None]**np.arange(1,nd+1)) ])
        A=A*w[:,None]; b=E*w
        c,*_=np.linalg.lstsq(A,b,rcond=None)
        N=c[:nn]; D=np.concatenate([[1],c[nn:]])
        Dv=np.polyval(D[::-1],t)
        w=1/np.abs(Dv)
        approx=X*np.polyval(N[::-1],t)/Dv
    return N,D,np.abs(approx-E).max()
for nn,nd in ((5,4),(6,5),(7,6)):
    N,D,err=fit(nn,nd)
    # float32 evaluation
    x=np.linspace(-5,5,400001).astype(np.float32)
    xc=np.clip(x,-4,4); t=(xc*xc).astype(np.float32)
    n=np.float32(0); 
    for c in N[::-1]: n=(n*t+np.float32(c)).astype(np.float32)
    d=np.float32(0)
    for c in D[::-1]: d=(d*t+np.float32(c)).astype(np.float32)
    y=(xc*n/d).astype(np.float32)
    ref=np.array([math.erf(float(v)) for v in x])
    print(nn,nd,'fit err %.2e'%err,'float32 err %.2e'%np.abs(y-ref).max(), 'glibc-like ref erf32 err', )
    print('N=',[float('%.9e'%v) for v in N]); print('D=',[float('%.9e'%v) for v in D])
