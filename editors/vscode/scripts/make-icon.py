#!/usr/bin/env python3
"""Draws the extension icon (images/icon.png, 128x128): code lines on a rounded tile,
one of them underlined with a squiggle. Pure Python (zlib + struct), so it needs no
image library; run it again only to change the icon."""
import math
import struct
import sys
import zlib

SIZE = 128
SS = 4  # supersampling per axis

BG_TOP = (38, 28, 84)
BG_BOTTOM = (88, 52, 170)
LINE = (235, 232, 255)
ACCENT = (255, 196, 61)
SQUIGGLE = (255, 92, 92)


def inside_rounded(x, y, r=26):
    cx = min(max(x, r), SIZE - r)
    cy = min(max(y, r), SIZE - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def bar(x, y, x0, x1, yc, h=5):
    """A horizontal bar with round ends."""
    if y < yc - h or y > yc + h:
        return False
    if x0 <= x <= x1:
        return True
    return (x - x0) ** 2 + (y - yc) ** 2 <= h * h or (x - x1) ** 2 + (y - yc) ** 2 <= h * h


def squiggle(x, y, x0=30, x1=98, yc=92, amp=4.0, period=12.0, w=2.6):
    if not (x0 - w <= x <= x1 + w):
        return False
    t = min(max(x, x0), x1)
    wave = yc + amp * math.sin((t - x0) / period * 2 * math.pi)
    return abs(y - wave) <= w


def colour(x, y):
    if not inside_rounded(x, y):
        return None
    if squiggle(x, y):
        return SQUIGGLE
    if bar(x, y, 30, 70, 32) or bar(x, y, 80, 98, 32, 5):
        return ACCENT if x >= 75 else LINE
    if bar(x, y, 40, 88, 54):
        return LINE
    if bar(x, y, 30, 98, 76):
        return LINE
    t = y / SIZE
    return tuple(round(a + (b - a) * t) for a, b in zip(BG_TOP, BG_BOTTOM))


def render():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])
        for px in range(SIZE):
            acc = [0, 0, 0, 0]
            for sy in range(SS):
                for sx in range(SS):
                    c = colour(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 255
            n = acc[3] // 255
            if n:
                row += bytes((acc[0] // n, acc[1] // n, acc[2] // n, acc[3] // (SS * SS)))
            else:
                row += b"\0\0\0\0"
        rows.append(bytes(row))
    return b"".join(rows)


def png(raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "images/icon.png"
    with open(out, "wb") as fh:
        fh.write(png(render()))
