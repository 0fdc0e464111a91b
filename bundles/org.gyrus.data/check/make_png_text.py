#!/usr/bin/python3
"""Writes testdata/png/pillow_text.png: a 4x3 RGB image with text chunks written by Pillow.

PngTextTest reads it with org.gyrus.data.PngText and expects exactly these texts, so our reader
agrees with Pillow's writer on tEXt (Latin-1), zTXt (compressed Latin-1) and iTXt (UTF-8, plain and
compressed). Needs Debian's python3-pil. Usage: /usr/bin/python3 check/make_png_text.py testdata/png
"""
import sys

from PIL import Image, PngImagePlugin

TEXTS = {
    "plain": ("tEXt", "caf\u00e9 latin-1"),
    "squeezed": ("zTXt", "zzz " * 200),
    "gyrus:pipeline": ("iTXt-z", "{\"format\":\"gyrus-origin\",\"note\":\"\u00fcnicode \u2713\"}"),
    "open": ("iTXt", "\u65e5\u672c uncompressed"),
}


def main(folder):
    img = Image.new("RGB", (4, 3), (10, 20, 30))
    info = PngImagePlugin.PngInfo()
    for key, (kind, text) in TEXTS.items():
        if kind == "tEXt":
            info.add_text(key, text)
        elif kind == "zTXt":
            info.add_text(key, text, zip=True)
        elif kind == "iTXt":
            info.add_itxt(key, text, zip=False)
        else:
            info.add_itxt(key, text, zip=True)
    img.save(f"{folder}/pillow_text.png", pnginfo=info)
    back = Image.open(f"{folder}/pillow_text.png")
    back.load()
    assert {k: v for k, v in back.text.items()} == {k: t for k, (_, t) in TEXTS.items()}, back.text


if __name__ == "__main__":
    main(sys.argv[1])
