"""Backprop MLP 784-256-256-10 on Fashion-MNIST, 1 epoch: SGD / Adam / three K-FAC peers.
Usage: /usr/bin/python3 run_bp.py --opt {sgd,adam,kfac-alecwangcq,kfac-gpauloski,kfac-thrandis} [--bs 128] [--act relu]
Peer repositories are laid out under $PEERS (default ~/.cache/precis-peers) by setup.sh."""
import argparse, os, sys, time, warnings
import torch, torch.nn as nn, torch.nn.functional as F
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common

PEERS = os.environ.get("PEERS", os.path.expanduser("~/.cache/precis-peers"))
ap = argparse.ArgumentParser()
ap.add_argument("--opt", required=True)
ap.add_argument("--bs", type=int, default=128)
ap.add_argument("--epochs", type=int, default=1)
ap.add_argument("--act", default="relu", choices=["relu", "tanh"])
ap.add_argument("--lr", type=float, default=None)
ap.add_argument("--momentum", type=float, default=None)
ap.add_argument("--damping", type=float, default=None)
ap.add_argument("--tcov", type=int, default=10, help="K-FAC factor update period")
ap.add_argument("--tinv", type=int, default=100, help="K-FAC inverse/eigen update period")
ap.add_argument("--seed", type=int, default=0)
a = ap.parse_args()
warnings.filterwarnings("ignore")
threads = common.setup(a.seed)
Xtr, ytr, Xte, yte = common.load_fmnist()
Act = nn.ReLU if a.act == "relu" else nn.Tanh
model = nn.Sequential(nn.Linear(784, 256), Act(), nn.Linear(256, 256), Act(), nn.Linear(256, 10))
pre = None; kopt = None; sampled_fisher = False
if a.opt == "sgd":
    lr = a.lr or 0.1; mom = 0.0 if a.momentum is None else a.momentum
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mom)
    hp = dict(lr=lr, momentum=mom)
elif a.opt == "adam":
    lr = a.lr or 1e-3
    opt = torch.optim.Adam(model.parameters(), lr=lr); hp = dict(lr=lr)
elif a.opt == "kfac-alecwangcq":
    # alecwangcq/KFAC-Pytorch: KFACOptimizer is the optimizer itself (SGD+momentum on the natural gradient);
    # Fisher factors from a sampled-label backward pass every TCov steps (as in its main.py).
    sys.path.insert(0, os.path.join(PEERS, "KFAC-Pytorch"))
    import io, contextlib
    from optimizers.kfac import KFACOptimizer
    lr = a.lr or 0.01; mom = 0.9 if a.momentum is None else a.momentum; damp = a.damping or 1e-3
    with contextlib.redirect_stdout(io.StringIO()):
        opt = kopt = KFACOptimizer(model, lr=lr, momentum=mom, stat_decay=0.95, damping=damp, kl_clip=1e-3,
                                   weight_decay=0, TCov=a.tcov, TInv=a.tinv)
    sampled_fisher = True
    hp = dict(lr=lr, momentum=mom, damping=damp, kl_clip=1e-3, stat_decay=0.95, TCov=a.tcov, TInv=a.tinv)
elif a.opt == "kfac-gpauloski":
    # gpauloski/kfac-pytorch: KFACPreconditioner modifies .grad, then a torch optimizer steps.
    sys.path.insert(0, os.path.join(PEERS, "kfac-pytorch")); sys.path.insert(0, os.path.join(PEERS, "site"))
    from kfac.preconditioner import KFACPreconditioner
    lr = a.lr or 0.1; mom = 0.9 if a.momentum is None else a.momentum; damp = a.damping or 0.003
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mom)
    pre = KFACPreconditioner(model, factor_update_steps=a.tcov, inv_update_steps=a.tinv, damping=damp,
                             factor_decay=0.95, kl_clip=0.001, lr=lambda step: opt.param_groups[0]["lr"],
                             update_factors_in_hook=False)
    hp = dict(lr=lr, momentum=mom, damping=damp, kl_clip=1e-3, factor_decay=0.95, TCov=a.tcov, TInv=a.tinv)
elif a.opt == "kfac-thrandis":
    # Thrandis/EKFAC-pytorch: KFAC preconditioner (empirical Fisher, explicit inverses every update_freq).
    sys.path.insert(0, os.path.join(PEERS, "EKFAC-pytorch"))
    from kfac import KFAC
    lr = a.lr or 0.05; mom = 0.9 if a.momentum is None else a.momentum; damp = a.damping or 0.1
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=mom)
    pre = KFAC(model, damp, update_freq=a.tinv, alpha=0.95)
    hp = dict(lr=lr, momentum=mom, eps=damp, alpha=0.95, update_freq=a.tinv)
else:
    sys.exit("unknown --opt")

def predict(x):
    return model(x)

t0 = time.perf_counter(); nb = 0
for ep in range(a.epochs):
    model.train()
    for xb, yb in common.batches(Xtr, ytr, a.bs, seed=a.seed + ep):
        opt.zero_grad()
        out = model(xb)
        loss = F.cross_entropy(out, yb)
        if sampled_fisher and kopt.steps % kopt.TCov == 0:
            kopt.acc_stats = True
            with torch.no_grad():
                ys = torch.multinomial(F.softmax(out.detach(), 1), 1).squeeze(1)
            F.cross_entropy(out, ys).backward(retain_graph=True)
            kopt.acc_stats = False
            opt.zero_grad()
        loss.backward()
        if pre is not None:
            pre.step()
        opt.step(); nb += 1
train_s = time.perf_counter() - t0
model.eval()
acc = common.accuracy(predict, Xte, yte)
common.report(peer=a.opt, arch="784-256-256-10", act=a.act, bs=a.bs, epochs=a.epochs, batches=nb,
              train_s=round(train_s, 2), s_per_epoch=round(train_s / a.epochs, 2), test_acc=round(acc, 4),
              final_loss=round(loss.item(), 4), hp=hp)
