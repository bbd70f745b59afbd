#!/usr/bin/env python3
"""PyTorch reference for `genmat bench train`: the same networks, losses, batch and optimiser as
GenMat's TensorFlow trainer (org.example.genmat.core.train), timed the same way.

Networks (LeakyReLU 0.2 everywhere, condition concatenated to every first layer):
  VAE      encoder [x, c] -> 256 -> LN -> 256 -> LN -> (mu, logvar) 8; decoder [z, c] -> 256 -> LN -> 256 -> LN -> D, tanh
           loss = sum_j (x - x_hat)^2 (batch mean) + beta * KL, Adam 1e-3, batch 500
  WGAN_GP  generator [z, c] -> 512 -> D, tanh; critic [x, c] -> 512 -> 1
           critic: -D(x) + D(G(z)) + 10 * (||grad D(x_hat)|| - 1)^2, 5 critic updates per generator update,
           Adam 1e-5, batch 100
  VAE_GAN  VAE above + critic [x, c] -> 512 -> 1, one critic update per step, Adam 1e-4 (0.5, 0.9), batch 500

Prints one JSON object per family: steps/s (decoder/generator updates) and updates/s (all optimiser steps).
Usage: train_torch.py --family vae|wgan_gp|vae_gan --steps N --warmup W --threads T --rows R --seed S
"""
import argparse
import json
import resource
import time

import torch
import torch.nn as nn


def mlp(inp, hidden, layer_norm):
    layers = []
    width = inp
    for h in hidden:
        layers.append(nn.Linear(width, h))
        if layer_norm:
            layers.append(nn.LayerNorm(h, eps=1e-5))
        layers.append(nn.LeakyReLU(0.2))
        width = h
    return nn.Sequential(*layers), width


class Encoder(nn.Module):
    def __init__(self, d, cd, hidden, latent, ln):
        super().__init__()
        self.body, w = mlp(d + cd, hidden, ln)
        self.mu = nn.Linear(w, latent)
        self.logvar = nn.Linear(w, latent)

    def forward(self, x, c):
        h = self.body(torch.cat([x, c], 1))
        return self.mu(h), self.logvar(h)


class Decoder(nn.Module):
    def __init__(self, latent, cd, hidden, d, ln):
        super().__init__()
        self.body, w = mlp(latent + cd, list(reversed(hidden)), ln)
        self.out = nn.Linear(w, d)

    def forward(self, z, c):
        return torch.tanh(self.out(self.body(torch.cat([z, c], 1))))


class Critic(nn.Module):
    def __init__(self, d, cd, hidden):
        super().__init__()
        self.body, w = mlp(d + cd, hidden, False)
        self.out = nn.Linear(w, 1)

    def forward(self, x, c):
        return self.out(self.body(torch.cat([x, c], 1)))


def gradient_penalty(critic, real, fake, c):
    eps = torch.rand(real.shape[0], 1)
    x_hat = (eps * real + (1 - eps) * fake).requires_grad_(True)
    d = critic(x_hat, c).sum()
    (g,) = torch.autograd.grad(d, x_hat, create_graph=True)
    norm = torch.sqrt((g * g).sum(1) + 1e-12)
    return ((norm - 1) ** 2).mean()


class Batches:
    """Epochs of a shuffled permutation, like the Java BatchSampler."""

    def __init__(self, x, c, batch):
        self.x, self.c, self.batch = x, c, batch
        self.order = torch.randperm(x.shape[0])
        self.pos = 0

    def next(self):
        if self.pos + self.batch > self.order.shape[0]:
            self.order = torch.randperm(self.x.shape[0])
            self.pos = 0
        idx = self.order[self.pos:self.pos + self.batch]
        self.pos += self.batch
        return self.x[idx], self.c[idx]


def synthetic(rows, d, classes, seed):
    g = torch.Generator().manual_seed(seed)
    centres = (torch.rand(classes, d, generator=g) * 2 - 1) * 0.8
    labels = torch.randint(0, classes, (rows,), generator=g)
    x = (centres[labels] + 0.05 * torch.randn(rows, d, generator=g)).clamp(-0.99, 0.99)
    c = torch.nn.functional.one_hot(labels, classes).float()
    return x, c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--family", required=True, choices=["vae", "wgan_gp", "vae_gan"])
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--dim", type=int, default=8)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--history-every", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    x, c = synthetic(a.rows, a.dim, a.classes, a.seed)
    d, cd, latent = a.dim, a.classes, 8

    if a.family == "vae":
        enc, dec = Encoder(d, cd, [256, 256], latent, True), Decoder(latent, cd, [256, 256], d, True)
        opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
        batches, n_critic = Batches(x, c, 500), 0
    elif a.family == "wgan_gp":
        gen, critic = Decoder(latent, cd, [512], d, False), Critic(d, cd, [512])
        opt_g = torch.optim.Adam(gen.parameters(), lr=1e-5, betas=(0.9, 0.999), eps=1e-7)
        opt_c = torch.optim.Adam(critic.parameters(), lr=1e-5, betas=(0.9, 0.999), eps=1e-7)
        batches, n_critic = Batches(x, c, 100), 5
    else:
        enc, dec = Encoder(d, cd, [256, 256], latent, True), Decoder(latent, cd, [256, 256], d, True)
        critic = Critic(d, cd, [512])
        opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-4, betas=(0.5, 0.9), eps=1e-7)
        opt_c = torch.optim.Adam(critic.parameters(), lr=1e-4, betas=(0.5, 0.9), eps=1e-7)
        batches, n_critic = Batches(x, c, 500), 1

    def vae_terms(xb, cb):
        mu, logvar = enc(xb, cb)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        recon = ((dec(z, cb) - xb) ** 2).sum(1).mean()
        kl = -0.5 * (1 + logvar - mu * mu - logvar.exp()).sum(1).mean()
        return recon, kl, mu, logvar

    def critic_step(xb, fake, cb):
        # one WGAN-GP critic update (lambda 10); returns its loss, penalty and Wasserstein estimate
        w = critic(xb, cb).mean() - critic(fake, cb).mean()
        gp = gradient_penalty(critic, xb, fake, cb)
        loss_c = -w + 10 * gp
        opt_c.zero_grad(set_to_none=True)
        loss_c.backward()
        opt_c.step()
        return loss_c, gp, w

    def step(record):
        losses = []
        if a.family == "vae":
            xb, cb = batches.next()
            recon, kl, _, _ = vae_terms(xb, cb)
            loss = recon + 0.1 * kl
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses = [recon, kl]
        elif a.family == "wgan_gp":
            for _ in range(n_critic):
                xb, cb = batches.next()
                with torch.no_grad():
                    fake = gen(torch.randn(xb.shape[0], latent), cb)
                loss_c, gp, w = critic_step(xb, fake, cb)
            xb, cb = batches.next()
            loss_g = -critic(gen(torch.randn(xb.shape[0], latent), cb), cb).mean()
            opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            opt_g.step()
            losses = [loss_c, gp, w, loss_g]
        else:
            xb, cb = batches.next()
            with torch.no_grad():
                mu, logvar = enc(xb, cb)
                decoded = dec(mu + torch.exp(0.5 * logvar) * torch.randn_like(mu), cb)
                prior = dec(torch.randn(xb.shape[0], latent), cb)
                pick = (torch.rand(xb.shape[0], 1) < 0.5).float()
                fake = pick * decoded + (1 - pick) * prior
            loss_c, gp, w = critic_step(xb, fake, cb)
            xb, cb = batches.next()
            recon, kl, mu, logvar = vae_terms(xb, cb)
            adv_dec = -critic(dec(mu + torch.exp(0.5 * logvar) * torch.randn_like(mu), cb), cb).mean()
            adv_prior = -critic(dec(torch.randn(xb.shape[0], latent), cb), cb).mean()
            loss = recon + 0.1 * kl + 0.05 * adv_dec + 0.05 * adv_prior
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses = [recon, kl, loss_c, gp]
        if record:
            return [float(v.item()) for v in losses]
        return None

    for s in range(a.warmup):
        step(False)
    start = time.perf_counter()
    cpu_start = time.process_time()
    last = None
    for s in range(1, a.steps + 1):
        out = step(s % a.history_every == 0 or s == a.steps)
        if out is not None:
            last = out
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(json.dumps({
        "family": a.family, "torch": torch.__version__, "threads": a.threads, "steps": a.steps,
        "seconds": seconds, "steps_per_s": a.steps / seconds,
        "steps_per_cpu_s": a.steps / cpu_seconds,
        "updates_per_s": a.steps * (1 + n_critic) / seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "last_losses": last, "blas": blas_library()}))


def blas_library():
    """The BLAS library mapped into this process (read after training, so it is loaded), or None where none is seen.

    Debian's python3-torch calls whichever libblas.so.3 the system's alternatives point at; with only the reference
    BLAS (libblas3) installed PyTorch runs these networks tens of times slower than with OpenBLAS, and the ratio
    `genmat bench train` prints would flatter GenMat."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if line.rstrip().endswith(".so") or ".so." in line}
    except OSError:
        return None
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if "blas" in name or "mkl_" in name or "blis" in name:
            return path
    return None


if __name__ == "__main__":
    main()
