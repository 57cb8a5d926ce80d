"""Predictive-coding peers on Fashion-MNIST, MLP 784-256-256-10, 1 epoch, T inference steps per batch.
Usage: /usr/bin/python3 run_pc.py --impl {preco,pypc,torch2pc} [--T 20] [--bs 128] [--act tanh]
Peer repositories are laid out under $PEERS (default ~/.cache/precis-peers) by setup.sh. No repo files are modified."""
import argparse, os, sys, time, warnings, io, contextlib
import torch, torch.nn as nn, torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common

PEERS = os.environ.get("PEERS", os.path.expanduser("~/.cache/precis-peers"))
ap = argparse.ArgumentParser()
ap.add_argument("--impl", required=True, choices=["preco", "pypc", "torch2pc"])
ap.add_argument("--T", type=int, default=20, help="inference (relaxation) steps per batch")
ap.add_argument("--bs", type=int, default=128)
ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--act", default="tanh", choices=["tanh", "relu"])
ap.add_argument("--lr", type=float, default=None, help="weight learning rate (Adam)")
ap.add_argument("--lr_x", type=float, default=None, help="latent (inference) step size")
ap.add_argument("--mode", default=None, help="torch2pc: Strict|FixedPred; pypc: fixed|full")
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
warnings.filterwarnings("ignore")
common.setup(a.seed)
Xtr, ytr, Xte, yte = common.load_fmnist()
sizes = [784, 256, 256, 10]
hp = {}

if a.impl == "preco":
    # bjornvz/PRECO PCnet (PCN_AMB: mu_l = W f(x_{l-1}) + b, linear output, MSE energy on one-hot targets),
    # its own Adam; settings follow example_notebooks/PCN_MNIST.ipynb except sizes/T/lr_x.
    sys.path.insert(0, os.path.join(PEERS, "PRECO"))
    with contextlib.redirect_stdout(io.StringIO()):
        from PRECO.utils import tanh, relu
        import PRECO.optim as poptim
        from PRECO.PCN import PCnet, PCN_AMB
    f = tanh if a.act == "tanh" else relu
    lr = a.lr or 1e-3; lr_x = a.lr_x or 0.1
    structure = PCN_AMB(f=f, use_bias=True, upward=True, layers=sizes)
    net = PCnet(structure=structure, lr_x=lr_x, T_train=a.T, incremental=False, use_feedforward_init=True)
    opt = poptim.Adam(net.params, learning_rate=lr, grad_clip=1, batch_scale=False, weight_decay=0)
    net.set_optimizer(opt)
    hp = dict(lr_w=lr, lr_x=lr_x, optimizer="PRECO Adam", grad_clip=1, init="feedforward", structure="PCN_AMB")
    def train_batch(xb, yb):
        net.train_supervised(xb, yb)
    def predict(x):
        return net.test_supervised(x)

elif a.impl == "pypc":
    # infer-actively/pypc (ex alec-tschantz/pypc) PCModel + its Adam; supervised = input clamped, one-hot target clamped.
    sys.path.insert(0, os.path.join(PEERS, "pypc"))
    from pypc import utils as putils, optim as poptim
    from pypc.models import PCModel
    act = putils.Tanh() if a.act == "tanh" else putils.ReLU()
    lr = a.lr or 1e-3; lr_x = a.lr_x or 0.1; fixed = (a.mode or "full") == "fixed"
    model = PCModel(nodes=sizes, mu_dt=lr_x, act_fn=act, use_bias=True, kaiming_init=False)
    opt = poptim.Adam(model.params, lr=lr, batch_scale=False, grad_clip=50, weight_decay=None)
    nbatches = (Xtr.shape[0] + a.bs - 1) // a.bs
    state = {"b": 0}
    hp = dict(lr_w=lr, mu_dt=lr_x, optimizer="pypc Adam", grad_clip=50, fixed_preds=fixed)
    def train_batch(xb, yb):
        model.train_batch_supervised(xb, common.onehot(yb), a.T, fixed_preds=fixed)
        opt.step(curr_epoch=1, curr_batch=state["b"], n_batches=nbatches, batch_size=xb.shape[0])
        state["b"] += 1
    def predict(x):
        return model.test_batch_supervised(x)

elif a.impl == "torch2pc":
    # RobertRosenbaum/Torch2PC PCInfer on an nn.Sequential (each block = one PC layer), torch.optim.Adam.
    sys.path.insert(0, os.path.join(PEERS, "Torch2PC"))
    with contextlib.redirect_stdout(io.StringIO()):
        from TorchSeq2PC import PCInfer
    Act = nn.Tanh if a.act == "tanh" else nn.ReLU
    model = nn.Sequential(nn.Sequential(nn.Linear(784, 256), Act()), nn.Sequential(nn.Linear(256, 256), Act()),
                          nn.Linear(256, 10))
    lr = a.lr or 1e-3; eta = a.lr_x or 0.1; mode = a.mode or "Strict"
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    hp = dict(lr_w=lr, eta=eta, ErrType=mode, loss="CrossEntropy", optimizer="torch Adam")
    def train_batch(xb, yb):
        opt.zero_grad()
        PCInfer(model, loss_fn, xb, yb, mode, eta=eta, n=a.T)
        opt.step()
    def predict(x):
        return model(x)

t0 = time.perf_counter(); nb = 0
with torch.no_grad() if a.impl != "torch2pc" else contextlib.nullcontext():
    for ep in range(a.epochs):
        for xb, yb in common.batches(Xtr, ytr, a.bs, seed=a.seed + ep):
            train_batch(xb, yb); nb += 1
train_s = time.perf_counter() - t0
acc = common.accuracy(predict, Xte, yte)
common.report(peer="pc-" + a.impl, arch="784-256-256-10", act=a.act, bs=a.bs, T=a.T, epochs=a.epochs, batches=nb,
              train_s=round(train_s, 2), s_per_epoch=round(train_s / a.epochs, 2), test_acc=round(acc, 4), hp=hp)
