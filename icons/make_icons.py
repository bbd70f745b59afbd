#!/usr/bin/env python3
"""Draws the 16x16 GenMat node icons (pure standard library: zlib + struct PNG writer).

Run from the repository root:  python3 icons/make_icons.py
Writes icons/*.png, copies them into the nodes bundle (org.example.genmat.nodes/icons/) and next to each
node factory (org.example.genmat.nodes/src/main/resources/org/example/genmat/nodes/<package>/), where the
factory's icon("...") path points.
"""
import os
import shutil
import struct
import zlib

N = 16
TEAL = (0, 128, 128, 255)
PURPLE = (138, 79, 125, 255)
ORANGE = (230, 126, 34, 255)
GREY = (90, 90, 90, 255)
GREEN = (39, 174, 96, 255)
RED = (192, 57, 43, 255)
BLUE = (41, 98, 170, 255)
CLEAR = (0, 0, 0, 0)


def canvas():
    return [[CLEAR] * N for _ in range(N)]


def px(img, x, y, c):
    if 0 <= x < N and 0 <= y < N:
        img[y][x] = c


def rect(img, x0, y0, x1, y1, c, fill=True):
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            if fill or x in (x0, x1) or y in (y0, y1):
                px(img, x, y, c)


def line(img, x0, y0, x1, y1, c):
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    while True:
        px(img, x0, y0, c)
        if x0 == x1 and y0 == y1:
            return
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def dot(img, cx, cy, c, r=1):
    for y in range(cy - r, cy + r + 1):
        for x in range(cx - r, cx + r + 1):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r + 1:
                px(img, x, y, c)


def lattice(img, c):
    """A cubic cell in oblique projection with atoms on the corners."""
    rect(img, 1, 5, 10, 14, c, fill=False)
    rect(img, 5, 1, 14, 10, c, fill=False)
    for (a, b) in ((1, 5), (10, 5), (1, 14), (10, 14)):
        line(img, a, b, a + 4, b - 4, c)


def hourglass(img, c):
    """Encoder narrowing to a latent code and widening again: the autoencoder shape."""
    for i, w in enumerate((6, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6)):
        y = 2 + i
        line(img, 7 - w, y, 8 + w, y, c)


def icon_read():
    img = canvas()
    lattice(img, TEAL)
    for (x, y) in ((1, 5), (10, 14), (14, 1), (5, 10)):
        dot(img, x, y, ORANGE)
    return img


def icon_vae():
    img = canvas()
    hourglass(img, PURPLE)
    dot(img, 7, 7, ORANGE, 0)
    dot(img, 8, 8, ORANGE, 0)
    return img


def icon_wgan():
    img = canvas()
    # generator (left triangle) facing the critic (right bar)
    for i in range(7):
        line(img, 1, 1 + i, 1, 14 - i, BLUE)
        line(img, 1, 1 + i, 1 + i, 1 + i, BLUE)
        line(img, 1, 14 - i, 1 + i, 14 - i, BLUE)
    for x in range(1, 8):
        line(img, x, 1 + x - 1, x, 14 - (x - 1), BLUE)
    rect(img, 11, 2, 14, 13, RED)
    line(img, 9, 7, 10, 7, GREY)
    line(img, 9, 8, 10, 8, GREY)
    return img


def icon_vaegan():
    img = canvas()
    for i, w in enumerate((4, 3, 2, 1, 1, 2, 3, 4)):
        line(img, 5 - w, 4 + i, 5 + w, 4 + i, PURPLE)
    rect(img, 12, 3, 14, 12, RED)
    line(img, 10, 7, 11, 7, GREY)
    line(img, 10, 8, 11, 8, GREY)
    return img


def icon_sample():
    img = canvas()
    for (x, y) in ((3, 4), (8, 2), (12, 5), (5, 9), (10, 10), (3, 13), (13, 13), (8, 6)):
        dot(img, x, y, PURPLE if (x + y) % 2 else ORANGE)
    return img


def icon_filter():
    img = canvas()
    for i in range(7):
        line(img, 1 + i, 2 + i, 14 - i, 2 + i, TEAL)
    rect(img, 7, 9, 8, 14, TEAL)
    dot(img, 12, 12, GREEN, 1)
    return img


def icon_metrics():
    img = canvas()
    line(img, 1, 14, 14, 14, GREY)
    line(img, 1, 1, 1, 14, GREY)
    rect(img, 3, 9, 5, 13, BLUE)
    rect(img, 7, 5, 9, 13, GREEN)
    rect(img, 11, 2, 13, 13, ORANGE)
    return img


def icon_category():
    img = canvas()
    lattice(img, PURPLE)
    dot(img, 10, 5, ORANGE)
    dot(img, 5, 10, ORANGE)
    return img


def png(img):
    raw = b"".join(b"\x00" + b"".join(struct.pack("4B", *p) for p in row) for row in img)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


# icon file -> (drawing, package of the factory that uses it)
ICONS = {
    "genmat.png": (icon_category, None),
    "read-crystals.png": (icon_read, "read"),
    "train-vae.png": (icon_vae, "train"),
    "train-wgan-gp.png": (icon_wgan, "train"),
    "train-vae-gan.png": (icon_vaegan, "train"),
    "sample-latent.png": (icon_sample, "sample"),
    "filter-validity.png": (icon_filter, "validity"),
    "diversity-metrics.png": (icon_metrics, "metrics"),
}


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bundle = os.path.join(root, "org.example.genmat.nodes")
    for name, (draw, pkg) in ICONS.items():
        path = os.path.join(root, "icons", name)
        with open(path, "wb") as f:
            f.write(png(draw()))
        os.makedirs(os.path.join(bundle, "icons"), exist_ok=True)
        shutil.copyfile(path, os.path.join(bundle, "icons", name))
        if pkg:
            target = os.path.join(bundle, "src", "main", "resources", "org", "example", "genmat", "nodes", pkg)
            os.makedirs(target, exist_ok=True)
            shutil.copyfile(path, os.path.join(target, name))


if __name__ == "__main__":
    main()
